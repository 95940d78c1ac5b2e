//! `account add|remove` and `accounts`.

use super::sync::{print_report, sync_one, Printer};
use super::{print_json, runtime, Context};
use crate::args::{AccountAdd, AccountCommand};
use crate::error::{CliError, Result};
use miraage_accounts::{Browser, ProviderKind, SyncContext, SystemBrowser};
use miraage_secrets::Secret;
use std::io::{BufRead, IsTerminal};
use std::sync::Mutex;

pub fn sync_context(ctx: &Context) -> SyncContext {
    SyncContext::new(ctx.zone)
}

/// Opens the consent page in the system browser, and prints its address in case no browser
/// opens (a remote shell, a headless machine).
struct PrintingBrowser;

impl Browser for PrintingBrowser {
    fn open(&self, url: &url::Url) -> Result<(), String> {
        eprintln!("Sign in in your browser. If it does not open, visit:\n  {url}");
        // The printed address is enough to go on with.
        let _ = SystemBrowser.open(url);
        Ok(())
    }
}

pub fn run(ctx: &Context, cmd: AccountCommand) -> Result<()> {
    let store = Mutex::new(ctx.open_store()?);
    let sync = sync_context(ctx);
    let rt = runtime()?;
    match cmd {
        AccountCommand::Add(add) => {
            let account = match add {
                AccountAdd::Caldav { url, user, name } => {
                    let name = name.unwrap_or_else(|| host_name(&url));
                    let password = read_password(&format!("Password for {user} at {url}: "))?;
                    rt.block_on(sync.add_caldav(&store, &name, &url, &user, &password))?
                }
                AccountAdd::Ics { url, name } => {
                    let name = name.unwrap_or_else(|| feed_name(&url));
                    rt.block_on(sync.add_ics(&store, &name, &url))?
                }
                AccountAdd::Google { name } => rt.block_on(sync.add_oauth(&store, ProviderKind::Google, &name, &PrintingBrowser))?,
                AccountAdd::Microsoft { name } => rt.block_on(sync.add_oauth(&store, ProviderKind::Microsoft, &name, &PrintingBrowser))?,
            };
            eprintln!("Added account {:?}; syncing it now.", account.name);
            let printer = Printer::new();
            let report = rt.block_on(sync_one(&sync, &store, &account, true, &printer))?;
            printer.done();
            print_report(&report);
            Ok(())
        }
        AccountCommand::Remove { name } => {
            let account = store
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .account_by_name(&name)?
                .ok_or_else(|| CliError::Usage(format!("no account named {name:?} (see `miraage-cli accounts`)")))?;
            rt.block_on(sync.remove(&store, &account.id))?;
            println!("Removed account {:?} and its calendars from this computer.", account.name);
            Ok(())
        }
    }
}

pub fn list(ctx: &Context, json: bool) -> Result<()> {
    let statuses = ctx.open_store()?.account_statuses()?;
    if json {
        let rows: Vec<serde_json::Value> = statuses
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.account.id.as_str(),
                    "name": s.account.name,
                    "provider": s.account.provider.as_str(),
                    "url": s.account.url,
                    "user": s.account.username,
                    "collections": s.collections,
                    "last_sync_at": s.last_sync_at,
                    "pending": s.pending,
                    "errors": s.errors,
                })
            })
            .collect();
        return print_json(&rows);
    }
    if statuses.is_empty() {
        println!("No accounts. Add one with `miraage-cli account add caldav URL --user NAME` or `account add ics URL`.");
    }
    for s in &statuses {
        let when = s
            .last_sync_at
            .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
            .map(|t| t.with_timezone(&ctx.zone).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|| "never".into());
        let user = s.account.username.as_deref().map(|u| format!(" as {u}")).unwrap_or_default();
        println!(
            "{}  ({}{}, {} collection(s), last sync {when}, {} edit(s) pending)",
            s.account.name,
            s.account.provider.as_str(),
            user,
            s.collections,
            s.pending
        );
        for e in &s.errors {
            println!("    error: {e}");
        }
    }
    Ok(())
}

/// The password, asked for without echo on a terminal, else the first line of stdin.
fn read_password(prompt: &str) -> Result<Secret> {
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt).map_err(|e| CliError::Usage(format!("cannot read the password: {e}")))?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| CliError::Usage(format!("cannot read the password from standard input: {e}")))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    if password.is_empty() {
        return Err(CliError::Usage("no password given".into()));
    }
    Ok(Secret::new(password))
}

fn host_name(url: &str) -> String {
    url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_else(|| url.to_string())
}

fn feed_name(url: &str) -> String {
    let file = url.trim_end_matches('/').rsplit('/').next().unwrap_or(url);
    let file = file.strip_suffix(".ics").unwrap_or(file);
    if file.is_empty() || file.contains(':') {
        host_name(url)
    } else {
        file.to_string()
    }
}
