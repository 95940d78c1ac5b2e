// The sidebar's accounts: sync status, errors with a retry, "Sync now", adding and removing
// CalDAV accounts and ICS subscriptions. Sync runs in the core; its events update this panel.
import type { Api } from "./api";
import { AccountsState } from "./accounts-state";
import type { SyncEvent } from "./bindings/SyncEvent";
import { createDiagnosticsDialog } from "./diagnostics-dialog";
import { h } from "./dom";

export interface AccountsPanel {
  refresh(): Promise<void>;
  onSyncEvent(e: SyncEvent): void;
  /** Opens "Add an account" as an ICS subscription of `url` (a webcal:// link clicked elsewhere). */
  subscribe(url: string): void;
}

export function mountAccountsPanel(
  root: HTMLElement,
  api: Pick<
    Api,
    | "listAccounts"
    | "syncNow"
    | "addCaldavAccount"
    | "addIcsAccount"
    | "addOauthAccount"
    | "removeAccount"
    | "oauthClient"
    | "saveOauthClient"
    | "oauthSetupGuide"
    | "diagnostics"
  >,
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
  const diagnostics = createDiagnosticsDialog(api, onError);
  const diagButton = h("button", { type: "button", class: "link", "aria-label": "Show diagnostics: last syncs and the log" }, "Diagnostics");
  diagButton.addEventListener("click", () => void diagnostics.open());
  root.replaceChildren(h("div", { class: "panel-head" }, h("h2", { class: "panel-title" }, "Accounts"), diagButton, syncButton), list, form.el);

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
          line.keyringNote ? h("span", { class: "account-note" }, line.keyringNote) : null,
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
    subscribe: form.prefillSubscription,
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

type FormApi = Pick<Api, "addCaldavAccount" | "addIcsAccount" | "addOauthAccount" | "oauthClient" | "saveOauthClient" | "oauthSetupGuide">;

/** The setup guide for OAuth clients, in a dialog (the app carries it; no web page needed). */
function showGuide(api: FormApi, onError: (e: unknown) => void): void {
  api.oauthSetupGuide().then((text) => {
    const close = h("button", { type: "button", class: "btn" }, "Close");
    const dialog = h(
      "dialog",
      { class: "dialog guide", "data-testid": "oauth-guide", "aria-label": "Registering your own Google or Microsoft client" },
      h("pre", { class: "guide-text" }, text),
      h("div", { class: "dialog-actions" }, close),
    );
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  }, onError);
}

/** A subscription's name from its address: "calendar.example.org › holidays". */
export function subscriptionName(url: string): string {
  try {
    const u = new URL(url);
    const file = decodeURIComponent(u.pathname.split("/").filter(Boolean).pop() ?? "").replace(/\.ics$/i, "");
    return file ? `${u.hostname} › ${file}` : u.hostname;
  } catch {
    return "Subscription";
  }
}

function addForm(api: FormApi, onError: (e: unknown) => void, added: () => Promise<void>): { el: HTMLElement; prefillSubscription(url: string): void } {
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
  // Google and Microsoft need the user's own OAuth client (Miraage has no server).
  const clientId = h("input", { name: "client-id", placeholder: "Client ID", "aria-label": "OAuth client ID", "data-testid": "oauth-client-id" });
  const clientSecret = h("input", {
    name: "client-secret",
    type: "password",
    placeholder: "Client secret (Google, if given)",
    "aria-label": "OAuth client secret",
    autocomplete: "off",
  });
  const tenant = h("input", { name: "tenant", placeholder: "Tenant (common)", "aria-label": "Microsoft tenant" });
  const clientHint = h("span", { class: "field-hint", "data-testid": "oauth-client-source" });
  const guide = h("button", { type: "button", class: "link", "data-testid": "oauth-guide-open" }, "How do I get a client ID?");
  guide.addEventListener("click", () => showGuide(api, onError));
  const clientBox = h("div", { class: "oauth-client" }, clientId, clientSecret, tenant, clientHint, guide);
  const submit = h("button", { type: "submit" }, "Add");
  const syncFields = () => {
    const caldav = kind.value === "caldav";
    const provider = kind.value === "google" || kind.value === "microsoft" ? kind.value : null;
    user.hidden = password.hidden = !caldav;
    user.required = password.required = caldav;
    url.hidden = provider !== null;
    url.required = provider === null;
    clientBox.hidden = provider === null;
    clientSecret.hidden = provider !== "google";
    tenant.hidden = provider !== "microsoft";
    if (!provider) return;
    api.oauthClient(provider).then((c) => {
      clientId.value = c.client_id ?? "";
      tenant.value = c.tenant ?? "";
      clientSecret.placeholder = c.has_secret ? "Client secret (stored in the keyring)" : "Client secret (Google, if given)";
      clientHint.textContent =
        c.source === "missing"
          ? "Paste the client ID you registered with the provider."
          : c.source === "environment"
            ? "From the environment (MIRAAGE_…_CLIENT_ID)."
            : c.source === "built_in"
              ? "The client built into this copy of Miraage."
              : "Saved in Miraage's settings.";
      clientId.required = c.source === "missing";
    }, onError);
  };
  kind.addEventListener("change", syncFields);
  syncFields();
  const form = h("form", { class: "account-add", "aria-label": "Add an account" }, kind, name, url, user, password, clientBox, submit);
  /** Saves the client the user typed (if any), then signs in. */
  const addOauth = async (provider: "google" | "microsoft") => {
    if (clientId.value.trim()) {
      await api.saveOauthClient(
        provider,
        clientId.value,
        provider === "microsoft" ? tenant.value : null,
        provider === "google" && clientSecret.value ? clientSecret.value : null,
      );
    }
    return api.addOauthAccount(provider, name.value);
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    const done =
      kind.value === "caldav"
        ? api.addCaldavAccount(name.value, url.value, user.value, password.value)
        : kind.value === "google" || kind.value === "microsoft"
          ? addOauth(kind.value)
          : api.addIcsAccount(name.value, url.value);
    void done
      .then(async () => {
        form.reset();
        syncFields();
        await added();
      }, onError)
      .finally(() => {
        password.value = "";
        clientSecret.value = "";
        submit.disabled = false;
      });
  });
  const box = h("details", { class: "account-add-box", "data-testid": "account-add" }, h("summary", {}, "Add an account"), form);
  return {
    el: box,
    prefillSubscription(link) {
      box.open = true;
      kind.value = "ics";
      syncFields();
      url.value = link;
      name.value = subscriptionName(link);
      box.scrollIntoView({ block: "nearest" });
      name.focus();
      name.select();
    },
  };
}
