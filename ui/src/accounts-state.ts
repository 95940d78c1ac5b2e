// What the accounts panel shows for each account, from the account list and the sync events.
import type { AccountView } from "./bindings/AccountView";
import type { SyncEvent } from "./bindings/SyncEvent";

export interface AccountLine {
  name: string;
  /** "Syncing…", "Synced 5 min ago", "Never synced". */
  status: string;
  busy: boolean;
  pending: number;
  errors: string[];
  /** Set when the account's password is kept only until logout (no keyring service). */
  keyringNote: string | null;
}

/** "just now", "5 min ago", "3 h ago", or a date, from an RFC 3339 instant. */
export function ago(iso: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - new Date(iso).getTime()) / 60000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return new Date(iso).toLocaleDateString();
}

export class AccountsState {
  private accounts: AccountView[] = [];
  /** Progress lines of the runs under way, by account. */
  private running = new Map<string, string>();

  setAccounts(accounts: AccountView[]): void {
    this.accounts = accounts;
  }

  /** Records a sync event; true when the run finished (the list should be reloaded). */
  onEvent(e: SyncEvent): boolean {
    if (e.finished) {
      this.running.delete(e.account);
      return true;
    }
    this.running.set(e.account, e.message);
    return false;
  }

  get syncing(): boolean {
    return this.running.size > 0;
  }

  lines(now: Date): AccountLine[] {
    return this.accounts.map((a) => {
      const progress = this.running.get(a.name);
      const status = progress
        ? `Syncing… ${progress}`
        : a.last_sync_at
          ? `${a.errors.length > 0 ? "Last synced" : "Synced"} ${ago(a.last_sync_at, now)}`
          : a.errors.length > 0
            ? "Not synced"
            : "Never synced";
      return {
        name: a.name,
        status,
        busy: progress !== undefined,
        pending: a.pending,
        errors: a.errors,
        keyringNote: a.keyring_note,
      };
    });
  }
}
