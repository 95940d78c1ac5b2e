//! `account add|remove` and `accounts`.

use super::sync::sync_and_print;
use super::{print_json, runtime, Context};
use crate::args::{AccountAdd, AccountCommand};
use crate::error::{CliError, Result};
use miraage_accounts::{Browser, ProviderKind, SystemBrowser};
use miraage_secrets::Secret;
use miraage_services::accounts;
use std::io::{BufRead, IsTerminal};

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
    let store = ctx.shared_store()?;
    let rt = runtime()?;
    match cmd {
        AccountCommand::Add(add) => {
            let account = match add {
                AccountAdd::Caldav { url, user, name, pin } => {
                    let name = name.unwrap_or_else(|| host_name(&url));
                    let password = read_password(&format!("Password for {user} at {url}: "))?;
                    rt.block_on(accounts::add_caldav(&store, ctx.zone, &name, &url, &user, &password, pin.as_deref()))?
                }
                AccountAdd::Ics { url, name } => {
                    let name = name.unwrap_or_else(|| feed_name(&url));
                    rt.block_on(accounts::add_ics(&store, ctx.zone, &name, &url))?
                }
                AccountAdd::Google { name } => {
                    rt.block_on(accounts::add_oauth(&store, ctx.zone, ProviderKind::Google, &name, &PrintingBrowser))?
                }
                AccountAdd::Microsoft { name } => rt.block_on(accounts::add_oauth(
                    &store,
                    ctx.zone,
                    ProviderKind::Microsoft,
                    &name,
                    &PrintingBrowser,
                ))?,
            };
            eprintln!("Added account {:?}; syncing it now.", account.name);
            let view =
                accounts::view_of(&store.lock().unwrap_or_else(std::sync::PoisonError::into_inner), &account.name)?;
            if let Some(note) = view.keyring_note {
                eprintln!("{note}");
            }
            sync_and_print(ctx, &store, Some(&account.name), true, false)
        }
        AccountCommand::Pin { name, fingerprint, clear: _ } => {
            let mut store = store.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            accounts::pin_certificate(&mut store, &name, fingerprint.as_deref())?;
            match fingerprint {
                Some(_) => println!("Only the pinned certificate is accepted for {name:?} from now on."),
                None => println!("{name:?} uses the trusted certificate authorities again."),
            }
            Ok(())
        }
        AccountCommand::Remove { name } => {
            let account = rt.block_on(accounts::remove(&store, ctx.zone, &name))?;
            println!("Removed account {:?} and its calendars from this computer.", account.name);
            Ok(())
        }
    }
}

/// Every account with its status; `--json` prints the view the window gets.
pub fn list(ctx: &Context, json: bool) -> Result<()> {
    let views = accounts::list(&ctx.open_store()?)?;
    if json {
        return print_json(&views);
    }
    if views.is_empty() {
        println!(
            "No accounts. Add one with `miraage-cli account add caldav URL --user NAME` or `account add ics URL`."
        );
    }
    for a in &views {
        let when = a
            .last_sync_at
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&ctx.zone).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|| "never".into());
        let user = a.username.as_deref().map(|u| format!(" as {u}")).unwrap_or_default();
        println!(
            "{}  ({}{}, {} collection(s), last sync {when}, {} edit(s) pending)",
            a.name, a.provider, user, a.collections, a.pending
        );
        for e in &a.errors {
            println!("    error: {e}");
        }
        if let Some(note) = &a.keyring_note {
            println!("    note: {note}");
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
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| CliError::Usage(format!("cannot read the password from standard input: {e}")))?;
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
