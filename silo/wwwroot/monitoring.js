// The monitoring list: who is over a line now, filtered by rule, level and city, a page at a time.
import { $, element, labelled, ruleNames, levelNames, yuan, when, amountCell, get, showError, showNote, renderPager, region, year } from "./common.js";

let page = 1;
let onSubject = () => {};

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

export async function loadMonitoring(wanted = page) {
  const status = $("monitoring-status");
  if (!$("monitoring-filters").reportValidity()) return;
  const query = new URLSearchParams({ year: year(), page: wanted, page_size: $("monitoring-page-size").value });
  for (const [name, id] of [["rule", "filter-rule"], ["level", "filter-level"], ["city", "filter-city"]]) {
    if ($(id).value) query.set(name, $(id).value);
  }
  showNote(status, "加载中 Loading…");
  try {
    const answer = await (await get(`/api/regions/${encodeURIComponent(region())}/monitoring?${query}`)).json();
    page = answer.page;
    render(answer);
    showNote(status, answer.total_count === 0 ? "无监测对象 Nobody under these filters" : "");
  } catch (error) {
    showError(status, error);
  }
}

function render(answer) {
  const body = $("monitoring").tBodies[0];
  body.replaceChildren(...answer.items.map(row));
  renderPager("monitoring", answer);
}

function row(entry) {
  const tr = element("tr", null, `level-${entry.level}`);
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
