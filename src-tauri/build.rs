fn main() {
    // tauri.conf.json sits at the top of the repository, beside the app package's Cargo.toml;
    // the capabilities live with the shell's sources.
    tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"),
    )
    .expect("failed to run tauri-build");
}
