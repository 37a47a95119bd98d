// The monitoring list: who is over a line now, filtered by rule, level and city, a page at a time.
import { $, element, labelled, ruleNames, levelNames, actedOnRules, yuan, when, amountCell, get, behindNote, showError, showNote, renderPager, region, year } from "./common.js";

let page = 1;
let onSubject = () => {};
let asked = 0;

// A monitoring event is in the journal before the projection the list reads has folded it, so a refresh
// waits for a lull in the stream and asks again, a few times and less often each time (after 1, 2 and
// 4 s), while a subject it announced is missing.
const refreshQuietMs = 500;
const refreshRetryMs = 1_000;
const refreshTriesMax = 4;
const announced = new Map();
let refreshTimer = null;
let refreshTries = 0;

/** Wires the filters; <paramref name="open"/> is called with (subjectType, subjectId) when a row's subject is chosen. */
export function setUpMonitoring(open) {
  onSubject = open;
  $("monitoring-filters").addEventListener("submit", (event) => {
    event.preventDefault();
    loadMonitoring(1);
  });
  $("monitoring-previous").addEventListener("click", () => loadMonitoring(page - 1));
  $("monitoring-next").addEventListener("click", () => loadMonitoring(page + 1));
}

/**
 * A live warning, crossing or clearing of a monitoring rule: the list is asked again once the stream has
 * been quiet for a moment, so a burst of events costs one request.
 */
export function refreshSoon(e) {
  if (String(e.year) !== year()) return;
  if (e.kind !== "threshold_cleared" && matchesFilters(e)) announced.set(`${e.subject_type}/${e.subject_id}`, e);
  refreshTries = 0;
  schedule(refreshQuietMs);
}

function schedule(delayMs) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, delayMs);
}

async function refresh() {
  refreshTries++;
  const answer = await loadMonitoring(page, { quiet: true });
  if (!answer) return;
  for (const entry of answer.items) announced.delete(`${entry.subject_type}/${entry.subject_id}`);
  // A subject that would sit on a later page is not waited for.
  const missing = answer.page === 1 && answer.items.length < answer.page_size && announced.size > 0;
  if (missing && refreshTries < refreshTriesMax) schedule(refreshRetryMs * 2 ** (refreshTries - 1));
  else announced.clear();
}

function matchesFilters(e) {
  return (!$("filter-rule").value || $("filter-rule").value === e.rule)
    && (!$("filter-level").value || $("filter-level").value === e.level)
    && (!$("filter-city").value || e.region_code.startsWith($("filter-city").value));
}

/** Shows the page asked for; a quiet load (a live refresh) shows no progress and no validation bubbles. Returns the answer shown. */
export async function loadMonitoring(wanted = page, { quiet = false } = {}) {
  const status = $("monitoring-status");
  const filters = $("monitoring-filters");
  if (!(quiet ? filters.checkValidity() : filters.reportValidity())) return null;
  const ticket = ++asked;
  const query = new URLSearchParams({ year: year(), page: wanted, page_size: $("monitoring-page-size").value });
  for (const [name, id] of [["rule", "filter-rule"], ["level", "filter-level"], ["city", "filter-city"]]) {
    if ($(id).value) query.set(name, $(id).value);
  }
  if (!quiet) showNote(status, "加载中 Loading…");
  try {
    const response = await get(`/api/regions/${encodeURIComponent(region())}/monitoring?${query}`);
    const answer = await response.json();
    // A later request (a click during a live refresh) has the last word.
    if (ticket !== asked) return null;
    page = answer.page;
    render(answer);
    showNote(status, [answer.total_count === 0 ? "无监测对象 Nobody under these filters" : "", behindNote(response)].filter(Boolean).join(" · "));
    return answer;
  } catch (error) {
    if (ticket === asked) showError(status, error);
    return null;
  }
}

function render(answer) {
  const body = $("monitoring").tBodies[0];
  body.replaceChildren(...answer.items.map(row));
  renderPager("monitoring", answer);
}

function row(entry) {
  // The rules the live warnings alarm on (monitoring rules and caps) are alarms here too; a crossed
  // critical deductible or a high-cost settlement is listed for reference, not as an alarm.
  const tr = element("tr", null, actedOnRules.has(entry.rule) ? `level-${entry.level}` : "quiet");
  const subject = element("td");
  const button = element("button", `${entry.subject_type === "household" ? "户" : "人"} ${entry.subject_id}`, "link");
  button.type = "button";
  button.title = "查看结算记录 Show settlement history";
  button.addEventListener("click", () => onSubject(entry.subject_type, entry.subject_id));
  subject.append(button);
  tr.append(element("td", entry.city_code ?? entry.region_code.slice(0, 4)), element("td", entry.region_code), subject,
    element("td", entry.household_id), labelled(ruleNames, entry.rule), labelled(levelNames, entry.level),
    amountCell(yuan(entry.value)), amountCell(yuan(entry.threshold)), element("td", when(entry.since)));
  return tr;
}
