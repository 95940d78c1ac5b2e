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
}

pub type Result<T, E = SchedulingError> = std::result::Result<T, E>;
