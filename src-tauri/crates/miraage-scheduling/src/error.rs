/// What can go wrong while planning over the store.
#[derive(Debug, thiserror::Error)]
pub enum SchedulingError {
    #[error(transparent)]
    Store(#[from] miraage_store::StoreError),
    #[error(transparent)]
    Domain(#[from] miraage_domain::DomainError),
    #[error("invalid settings: {0}")]
    Settings(String),
    #[error("{0}")]
    Invalid(String),
    /// The proposal changed elsewhere (the CLI planned again, another window accepted).
    #[error("this proposed block is no longer part of the plan: the plan changed elsewhere")]
    GhostGone,
}

pub type Result<T, E = SchedulingError> = std::result::Result<T, E>;
