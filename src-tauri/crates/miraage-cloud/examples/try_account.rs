//! Try a real account by hand (not run in CI): signs in through the system browser, keeps the
//! refresh token in the OS keyring, lists the collections and counts the first sync of each.
//!
//!     MIRAAGE_GOOGLE_CLIENT_ID=… MIRAAGE_GOOGLE_CLIENT_SECRET=… \
//!         cargo run -p miraage-cloud --example try_account -- google
//!     MIRAAGE_MICROSOFT_CLIENT_ID=… cargo run -p miraage-cloud --example try_account -- microsoft
//!
//! A second run reuses the stored refresh token; `-- google forget` signs out (revokes at
//! Google) and removes it. See miraage-oauth/docs/oauth-setup.md for the client ids.

use miraage_cloud::google::GoogleProvider;
use miraage_cloud::graph::GraphProvider;
use miraage_oauth::{sign_in_with_loopback, Keyring, ProviderConfig, ProviderKind, Session, SystemBrowser};
use miraage_sync::{Provider, RemoteChange};
use std::sync::Arc;
use std::time::Duration;

const ACCOUNT: &str = "try-account";

async fn first_sync(provider: &impl Provider) -> Result<(), Box<dyn std::error::Error>> {
    for c in provider.collections().await? {
        let (mut items, mut removed, mut unreadable, mut pages) = (0, 0, 0, 0);
        let mut cursor: Option<String> = None;
        loop {
            let page = provider.changes(&c, cursor.as_deref()).await?;
            pages += 1;
            for change in &page.changes {
                match change {
                    RemoteChange::Upsert(_) => items += 1,
                    RemoteChange::Removed { .. } => removed += 1,
                    RemoteChange::Unreadable { remote_id, reason } => {
                        unreadable += 1;
                        eprintln!("  unreadable {remote_id}: {reason}");
                    }
                }
            }
            cursor = Some(page.cursor);
            if !page.more {
                break;
            }
        }
        let kind = if c.holds_tasks { "tasks" } else { "events" };
        println!(
            "{:<40} {kind:<6} {:>6} items, {removed} removed, {unreadable} unreadable, {pages} pages",
            c.name, items
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let kind = match args.first().map(String::as_str) {
        Some("google") => ProviderKind::Google,
        Some("microsoft") => ProviderKind::Microsoft,
        _ => return Err("usage: try_account google|microsoft [forget]".into()),
    };
    let config = ProviderConfig::from_env(kind)?;
    let keyring = Keyring::new();
    let account = format!("{ACCOUNT}-{}", kind.label().to_lowercase());
    if args.get(1).map(String::as_str) == Some("forget") {
        Session::resume(config, keyring, account)?.disconnect().await?;
        println!("signed out");
        return Ok(());
    }
    let session = match keyring.get(&account, miraage_secrets::SecretKind::RefreshToken)? {
        Some(_) => Session::resume(config, keyring, &account)?,
        None => {
            println!("Opening the browser to sign in…");
            let grant = sign_in_with_loopback(&config, &SystemBrowser, Duration::from_secs(300)).await?;
            Session::connect(config, keyring, &account, grant)?
        }
    };
    let session = Arc::new(session);
    match kind {
        ProviderKind::Google => first_sync(&GoogleProvider::new(session)?).await,
        ProviderKind::Microsoft => first_sync(&GraphProvider::new(session)?).await,
    }
}
