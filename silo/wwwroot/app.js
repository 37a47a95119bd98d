// The caseworker page: a household lookup and a live panel of warnings for the caseworker's region.
// Text from the server is only ever set with textContent, never parsed as HTML.
"use strict";

const payers = [
  ["hifp_pay", "基本医保"], ["hifmi_pay", "大病保险"], ["maf_pay", "医疗救助"], ["floor_pay", "兜底"],
  ["supplementary_pay", "补充"], ["warm_fund_pay", "暖心基金"], ["psn_part_amt", "个人负担"],
];
const watched = new Set(["threshold_warning", "threshold_crossed", "threshold_cleared", "cap_applied"]);
const rowsMax = 200;
const $ = (id) => document.getElementById(id);
let source = null;

$("key").value = sessionStorage.getItem("ledger-key") || "";
$("year").value = new Date().getFullYear();

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function yuan(value) {
  return Number(value).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function bar(label, used, cap) {
  const wrapper = element("div");
  wrapper.append(element("div", `${label}: ${yuan(used)} / ${yuan(cap)}`));
  const outer = element("div", null, used >= cap ? "bar full" : "bar");
  const inner = element("div");
  inner.style.width = `${Math.min(100, (100 * used) / cap)}%`;
  outer.setAttribute("role", "meter");
  outer.setAttribute("aria-valuenow", used);
  outer.setAttribute("aria-valuemax", cap);
  outer.append(inner);
  wrapper.append(outer);
  return wrapper;
}

function renderHousehold(view) {
  const target = $("household-view");
  target.replaceChildren();
  target.append(element("p", `${view.household_id} · ${view.region_code} · ${view.year}`));
  const table = element("table");
  const head = element("tr");
  head.append(element("th", "成员 Member"), ...payers.map(([, name]) => element("th", name)));
  table.append(head);
  for (const member of [...view.members, { psn_no: "合计 Household", totals: view.totals }]) {
    const row = element("tr");
    row.append(element("td", member.psn_no), ...payers.map(([field]) => element("td", yuan(member.totals[field]), "amount")));
    table.append(row);
  }
  target.append(table);
  if (view.caps) {
    target.append(bar("家庭负担 Household burden", view.caps.household_burden, view.caps.household_cap));
    for (const member of view.members) {
      target.append(bar(`${member.psn_no} 个人负担`, member.totals.psn_part_amt, view.caps.individual_cap));
    }
  }
  const open = [...view.thresholds, ...view.members.flatMap((m) => m.thresholds.map((t) => ({ ...t, psn_no: m.psn_no })))];
  const list = element("ul");
  for (const t of open) list.append(element("li", `${t.psn_no || view.household_id}: ${t.rule} ${t.level} (${yuan(t.value)} / ${yuan(t.threshold)})`));
  target.append(element("h3", "未解除预警 Open thresholds"), list);
}

$("lookup").addEventListener("submit", async (event) => {
  event.preventDefault();
  const id = encodeURIComponent($("household").value.trim());
  const response = await fetch(`/api/households/${id}?year=${$("year").value}`, { headers: { "X-Api-Key": $("key").value } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    $("household-view").replaceChildren(element("p", `${response.status} ${problem.title || ""} ${JSON.stringify(problem.errors || "")}`, "error"));
    return;
  }
  renderHousehold(await response.json());
});

function addWarning(e) {
  const row = element("tr", null, e.kind);
  const time = new Date(e.occurred_at).toLocaleString("zh-CN", { hour12: false });
  const subject = `${e.subject_type === "household" ? "户" : "人"} ${e.subject_id}`;
  row.append(element("td", time), element("td", e.kind), element("td", [e.rule, e.level].filter(Boolean).join(" ")),
    element("td", subject), element("td", yuan(e.value), "amount"), element("td", yuan(e.threshold), "amount"));
  const body = $("warnings");
  body.prepend(row);
  while (body.rows.length > rowsMax) body.deleteRow(body.rows.length - 1);
}

$("access").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem("ledger-key", $("key").value);
  if (source) source.close();
  const region = encodeURIComponent($("region").value);
  source = new EventSource(`/api/events/stream?region=${region}&key=${encodeURIComponent($("key").value)}`);
  source.onopen = () => { $("status").textContent = `● 已连接 live (${$("region").value})`; };
  source.onerror = () => { $("status").textContent = "○ 重新连接中 reconnecting…"; };
  for (const kind of watched) {
    source.addEventListener(kind, (message) => addWarning(JSON.parse(message.data)));
  }
});
