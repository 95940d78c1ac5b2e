/// The app's own commands; each needs a permission granted in `src-tauri/capabilities/`, so
/// that a command added here is unreachable from the UI until a capability names it.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_calendars",
    "set_calendar_visible",
    "list_occurrences",
    "list_tasks",
    "add_task",
    "update_task",
    "set_task_done",
    "plan_now",
    "current_plan",
    "check_plan",
    "accept_ghost",
    "accept_all_ghosts",
    "reject_ghost",
    "reject_all_ghosts",
    "get_settings",
    "save_settings",
    "list_accounts",
    "sync_now",
    "add_caldav_account",
    "add_ics_account",
    "add_oauth_account",
    "oauth_client",
    "save_oauth_client",
    "oauth_setup_guide",
    "remove_account",
];

fn main() {
    // tauri.conf.json sits at the top of the repository, beside this package's Cargo.toml.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
