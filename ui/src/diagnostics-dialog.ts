// The Diagnostics dialog: versions, each account's last syncs with their outcome, edits
// waiting, errors now, the log's last lines, and "Copy report" for a bug report. The core
// builds the report; it holds no password, token or title.
import type { Api } from "./api";
import type { DiagnosticsView } from "./bindings/DiagnosticsView";
import type { AccountDiagnostics } from "./bindings/AccountDiagnostics";
import { h } from "./dom";

/** "Mon 7 Dec, 09:14" in the user's zone, for a run's end. */
function when(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return d.toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

function accountSection(a: AccountDiagnostics): HTMLElement {
  const runs = a.syncs.map((s) =>
    h(
      "li",
      { class: s.outcome === "up to date" ? "diag-run" : "diag-run diag-run-bad" },
      `${when(s.at)}: ${s.outcome} (${s.pulled} fetched, ${s.pushed} sent, ${(s.took_ms / 1000).toFixed(1)} s)`,
    ),
  );
  return h(
    "section",
    { class: "diag-account", "data-account": a.name },
    h("h3", {}, `${a.name} (${a.provider})`),
    a.pending > 0 ? h("p", { class: "account-pending" }, `${a.pending} change(s) waiting to be sent`) : null,
    ...a.errors.map((e) => h("p", { class: "account-error" }, e)),
    runs.length > 0 ? h("ul", { class: "diag-runs" }, ...runs) : h("p", { class: "field-hint" }, "No sync in the log yet: press Sync now."),
  );
}

export function createDiagnosticsDialog(api: Pick<Api, "diagnostics">, onError: (e: unknown) => void): { open(): Promise<void> } {
  const dialog = h("dialog", { class: "dialog diagnostics", "aria-labelledby": "diagnostics-title", "data-testid": "diagnostics" });
  document.body.append(dialog);

  const open = async (): Promise<void> => {
    let view: DiagnosticsView;
    try {
      view = await api.diagnostics();
    } catch (e) {
      onError(e);
      return;
    }
    const status = h("span", { class: "field-hint", role: "status" });
    const copy = h("button", { type: "button" }, "Copy report");
    copy.addEventListener("click", () => {
      navigator.clipboard.writeText(view.report).then(
        () => (status.textContent = "Report copied: paste it into your bug report."),
        () => (status.textContent = "The report could not be copied: select the log lines below and copy them."),
      );
    });
    const close = h("button", { type: "button" }, "Close");
    close.addEventListener("click", () => dialog.close());
    dialog.replaceChildren(
      h("h2", { id: "diagnostics-title" }, "Diagnostics"),
      h(
        "p",
        { class: "field-hint" },
        `Miraage ${view.version} (schema ${view.schema_version}) on ${view.platform}; log level ${view.log_level}; ${view.outbox} change(s) waiting to be sent.`,
      ),
      ...(view.accounts.length > 0 ? view.accounts.map(accountSection) : [h("p", {}, "No accounts: add one in the Accounts panel.")]),
      h("details", { class: "diag-log" }, h("summary", {}, "Last log lines"), h("pre", {}, view.log_tail.join("\n"))),
      h("p", { class: "field-hint" }, `Log files: ${view.log_dir}`),
      h("div", { class: "dialog-actions" }, status, copy, close),
    );
    dialog.showModal();
  };
  return { open };
}
