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

/// The window's capability, written from [`COMMANDS`]: one `allow-<command>` permission per
/// command and the core's events, so that the permission list cannot drift from the commands.
fn write_capability() {
    let permissions: Vec<String> = std::iter::once("core:event:default".to_string())
        .chain(COMMANDS.iter().map(|c| format!("allow-{}", c.replace('_', "-"))))
        .collect();
    let list = permissions.iter().map(|p| format!("    \"{p}\"")).collect::<Vec<_>>().join(",\n");
    let text = format!(
        "{{\n  \"$schema\": \"../../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"main-window\",\n  \"description\": \"What the main window may do: every command of src-tauri/src/command_list.rs (this file is written by build.rs from that list) and the core's events.\",\n  \"windows\": [\n    \"main\"\n  ],\n  \"permissions\": [\n{list}\n  ]\n}}\n"
    );
    let path = std::path::Path::new("src-tauri/capabilities/default.json");
    // Written only when it changes, so that a build does not trigger the next one.
    if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(path, text).expect("write src-tauri/capabilities/default.json");
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/src/command_list.rs");
    write_capability();
    // tauri.conf.json sits at the top of the repository, beside this package's Cargo.toml.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
