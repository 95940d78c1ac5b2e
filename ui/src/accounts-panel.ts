// The sidebar's accounts: sync status, errors with a retry, "Sync now", adding and removing
// CalDAV accounts and ICS subscriptions. Sync runs in the core; its events update this panel.
import type { Api } from "./api";
import { AccountsState } from "./accounts-state";
import type { SyncEvent } from "./bindings/SyncEvent";
import { h } from "./dom";

export interface AccountsPanel {
  refresh(): Promise<void>;
  onSyncEvent(e: SyncEvent): void;
}

export function mountAccountsPanel(
  root: HTMLElement,
  api: Pick<Api, "listAccounts" | "syncNow" | "addCaldavAccount" | "addIcsAccount" | "addOauthAccount" | "removeAccount">,
  onError: (e: unknown) => void,
  /** A sync or a removal changed what the store holds (a re-plan, if needed, is pushed by the core). */
  onChanged: () => void,
): AccountsPanel {
  const state = new AccountsState();
  root.hidden = false;
  const list = h("ul", { class: "accounts-list", "aria-live": "polite" });
  const syncButton = h("button", { type: "button", class: "sync-now", "aria-label": "Sync all accounts now" }, "Sync now");
  syncButton.addEventListener("click", () => void api.syncNow(null).catch(onError));
  const form = addForm(api, onError, async () => {
    await refresh();
  });
  root.replaceChildren(
    h("div", { class: "panel-head" }, h("h2", { class: "panel-title" }, "Accounts"), syncButton),
    list,
    form,
  );

  function render(): void {
    const lines = state.lines(new Date());
    syncButton.toggleAttribute("aria-busy", state.syncing);
    syncButton.disabled = state.syncing;
    list.replaceChildren(
      ...lines.map((line) => {
        const retry = h("button", { type: "button", class: "link", "aria-label": `Sync ${line.name} again` }, "Retry");
        retry.addEventListener("click", () => void api.syncNow(line.name).catch(onError));
        const remove = h("button", { type: "button", class: "link", "aria-label": `Remove account ${line.name}` }, "Remove");
        remove.addEventListener("click", () => {
          if (!confirm(`Remove ${line.name} and its calendars from this computer? Nothing is deleted on the server.`)) return;
          void api.removeAccount(line.name).then(() => {
            onChanged();
            return refresh();
          }, onError);
        });
        return h(
          "li",
          { class: "account", "data-account": line.name, "aria-busy": line.busy },
          h("span", { class: "account-title" }, line.name),
          h("span", { class: "account-status" }, line.status),
          line.pending > 0 ? h("span", { class: "account-pending" }, `${line.pending} change(s) waiting to be sent`) : null,
          ...line.errors.map((e) => h("span", { class: "account-error", role: "alert" }, e)),
          line.errors.length > 0 ? retry : null,
          remove,
        );
      }),
    );
  }

  async function refresh(): Promise<void> {
    try {
      state.setAccounts(await api.listAccounts());
      render();
    } catch (e) {
      onError(e);
    }
  }

  void refresh();
  return {
    refresh,
    onSyncEvent(e: SyncEvent) {
      const finished = state.onEvent(e);
      render();
      if (finished) {
        void refresh();
        if (e.changed || e.replan_needed) onChanged();
      }
    },
  };
}

function addForm(api: Pick<Api, "addCaldavAccount" | "addIcsAccount" | "addOauthAccount">, onError: (e: unknown) => void, added: () => Promise<void>): HTMLElement {
  const kind = h(
    "select",
    { name: "kind", "aria-label": "Account type" },
    h("option", { value: "caldav" }, "CalDAV server"),
    h("option", { value: "ics" }, "ICS subscription"),
    h("option", { value: "google" }, "Google (sign in in the browser)"),
    h("option", { value: "microsoft" }, "Microsoft 365 / Outlook (sign in in the browser)"),
  );
  const name = h("input", { name: "name", placeholder: "Name", "aria-label": "Account name", required: true });
  const url = h("input", { name: "url", type: "url", placeholder: "https://…", "aria-label": "Server or subscription URL", required: true });
  const user = h("input", { name: "user", placeholder: "User name", "aria-label": "User name", autocomplete: "username" });
  const password = h("input", { name: "password", type: "password", placeholder: "App password", "aria-label": "Password", autocomplete: "current-password" });
  const submit = h("button", { type: "submit" }, "Add");
  const syncFields = () => {
    const caldav = kind.value === "caldav";
    const oauth = kind.value === "google" || kind.value === "microsoft";
    user.hidden = password.hidden = !caldav;
    user.required = password.required = caldav;
    url.hidden = oauth;
    url.required = !oauth;
  };
  kind.addEventListener("change", syncFields);
  syncFields();
  const form = h("form", { class: "account-add", "aria-label": "Add an account" }, kind, name, url, user, password, submit);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    const done =
      kind.value === "caldav"
        ? api.addCaldavAccount(name.value, url.value, user.value, password.value)
        : kind.value === "google" || kind.value === "microsoft"
          ? api.addOauthAccount(kind.value, name.value)
          : api.addIcsAccount(name.value, url.value);
    void done
      .then(async () => {
        form.reset();
        syncFields();
        await added();
      }, onError)
      .finally(() => {
        password.value = "";
        submit.disabled = false;
      });
  });
  return h("details", { class: "account-add-box" }, h("summary", {}, "Add an account"), form);
}
