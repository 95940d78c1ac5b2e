use thiserror::Error;

#[derive(Debug, Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] miraage_store::StoreError),
    #[error(transparent)]
    Domain(#[from] miraage_domain::DomainError),
    #[error(transparent)]
    Ical(#[from] miraage_ical::IcalError),
    #[error(transparent)]
    Planner(#[from] miraage_planner::PlannerError),
    #[error(transparent)]
    Sync(#[from] miraage_sync::SyncError),
    #[error(transparent)]
    Accounts(#[from] miraage_accounts::AccountsError),
    #[error(transparent)]
    Scheduling(#[from] miraage_scheduling::SchedulingError),
    #[error(transparent)]
    Service(#[from] miraage_services::ServiceError),
    #[error("{0}")]
    Usage(String),
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}

pub type Result<T, E = CliError> = std::result::Result<T, E>;
