include!("src/command_list.rs");

/// The command names of [`app_commands`].
macro_rules! names {
    ($($module:ident :: $command:ident),* $(,)?) => {
        &[$(stringify!($command)),*]
    };
}

/// The app's own commands; each needs a permission granted in `src-tauri/capabilities/`, so
/// that a command added here is unreachable from the UI until a capability names it.
const COMMANDS: &[&str] = app_commands!(names);

fn main() {
    // tauri.conf.json sits at the top of the repository, beside this package's Cargo.toml.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
