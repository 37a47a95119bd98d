// A person's or household's settlement history: the journal entries behind the totals, in settlement-time
// order, with the split per payer. A re-adjudicated settlement shows its signed change and its cause.
// Each event is shown against its own settlement (its setl_id), not the entry that carried it: a
// re-adjudicating entry (a late settlement, a reversal, a move's carrier) journals the levels it opens, clears
// or restates at other settlements, so its row points to where each now is, and that settlement's row names
// the entry that re-adjudicated it.
import { $, element, labelled, payers, entryNames, causeNames, eventNames, ruleNames, yuan, delta, when, amountCell, get, showError, showNote, renderPager, year } from "./common.js";

let page = 1;

export function setUpHistory() {
  $("history-lookup").addEventListener("submit", (event) => {
    event.preventDefault();
    loadHistory(1);
  });
  $("history-previous").addEventListener("click", () => loadHistory(page - 1));
  $("history-next").addEventListener("click", () => loadHistory(page + 1));
}

/** Shows the history of a subject chosen elsewhere (a monitoring row), and brings it into view. */
export function openHistory(subjectType, subjectId) {
  $("history-type").value = subjectType === "household" ? "households" : "persons";
  $("history-id").value = subjectId;
  loadHistory(1);
  $("history-section").scrollIntoView({ block: "start" });
  $("history-id").focus({ preventScroll: true });
}

export async function loadHistory(wanted = page) {
  const status = $("history-status");
  if (!$("history-lookup").reportValidity()) return;
  const collection = $("history-type").value;
  const id = $("history-id").value.trim();
  const query = new URLSearchParams({ year: year(), page: wanted, page_size: $("history-page-size").value });
  showNote(status, "加载中 Loading…");
  try {
    const answer = await (await get(`/api/${collection}/${encodeURIComponent(id)}/settlements?${query}`)).json();
    page = answer.page;
    render(answer, collection === "households");
    showNote(status, `${collection === "households" ? "家庭" : "个人"} ${id} · ${answer.year}` + (answer.total_count === 0 ? " · 无结算 No settlements" : ""));
  } catch (error) {
    showError(status, error);
  }
}

function render(answer, household) {
  const table = $("history");
  const head = element("tr");
  const columns = ["结算时间 Settled", "入账时间 Logged", "结算号 setl_id", ...(household ? ["成员 Member"] : []), "类型 Kind",
    "总费用 Total", ...payers.map(([, name]) => name), "原因 Cause", "事件 Events"];
  head.append(...columns.map((name) => {
    const th = element("th", name);
    th.scope = "col";
    return th;
  }));
  table.tHead.replaceChildren(head);
  const readjudicated = readjudicatedOnPage(answer.items);
  table.tBodies[0].replaceChildren(...answer.items.map((entry) => row(entry, household, readjudicated)));
  renderPager("history", answer);
}

function row(entry, household, readjudicated) {
  const change = entry.kind !== "recorded";
  const money = (value) => amountCell(change ? delta(value) : yuan(value));
  const tr = element("tr", null, `entry-${entry.kind}`);
  tr.append(element("td", when(entry.setl_time)), element("td", when(entry.logged_at)), element("td", entry.setl_id),
    ...(household ? [element("td", entry.psn_no)] : []), labelled(entryNames, entry.kind),
    money(entry.change.medfee_sumamt), ...payers.map(([field]) => money(entry.change[field])), cause(entry), events(entry, readjudicated));
  return tr;
}

function cause(entry) {
  const cell = labelled(causeNames, entry.cause);
  if (entry.cause_id) cell.append(" ← ", element("code", entry.cause_id));
  return cell;
}

/** The rule events an entry carried: its own settlement's, and those it re-adjudicated at another. */
function ruleEvents(entry) {
  const raised = (entry.events || []).filter((e) => e.rule);
  const own = (e) => !e.setl_id || e.setl_id === entry.setl_id;
  return { own: raised.filter(own), elsewhere: raised.filter((e) => !own(e)) };
}

/**
 * The events re-adjudicated at a settlement by another entry of the page, by setl_id, each with the entry that
 * carried it: shown on that settlement's recorded row (a settlement on another page is reached by the pointer
 * on the carrier's row).
 */
function readjudicatedOnPage(entries) {
  const at = new Map();
  for (const entry of entries) {
    for (const e of ruleEvents(entry).elsewhere) {
      if (!at.has(e.setl_id)) at.set(e.setl_id, []);
      at.get(e.setl_id).push({ e, by: entry });
    }
  }
  return at;
}

const named = (e) => `${eventNames[e.kind] || e.kind} ${ruleNames[e.rule] || e.rule}`;

function events(entry, readjudicated) {
  const { own, elsewhere } = ruleEvents(entry);
  const here = entry.kind === "recorded" ? readjudicated.get(entry.setl_id) || [] : [];
  return element("td", [
    ...own.map(named),
    ...here.map(({ e, by }) => `${named(e)} ← 重新认定 re-adjudicated by ${by.kind === "recorded" ? "" : `${entryNames[by.kind]} `}${by.setl_id}`),
    ...elsewhere.map((e) => `${named(e)} → 重新认定于 re-adjudicated at ${e.setl_id} · ${when(e.setl_time)}`),
  ].join("; "));
}
