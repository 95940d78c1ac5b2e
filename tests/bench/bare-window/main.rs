//! The floor WebKitGTK sets, for the first-paint and memory benchmarks: a Tauri window with a
//! one-line page, started with the same renderer choices as Miraage. It logs, as Miraage does
//! under `MIRAAGE_STARTUP_TRACE`, when `main` started and when its page's first frame was
//! shown (the page reports it by a navigation that is logged and refused).

fn epoch_ms() -> f64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    now.as_secs_f64() * 1000.0
}

fn main() {
    eprintln!("miraage: startup: main at {:.1}", epoch_ms());
    miraage_app::renderer::choose();
    tauri::Builder::default()
        .setup(|app| {
            let config = app.config().app.windows[0].clone();
            tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
                .on_navigation(|url| {
                    let Some(at) = url.path().strip_prefix("/painted/") else { return true };
                    eprintln!("miraage: startup: painted at {at}");
                    false
                })
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!("tests/bench/bare-window/tauri.conf.json"))
        .expect("the bare window could not run");
}
