// The household lookup: members' totals per payer, cap usage and the open thresholds, as the engine reads them.
import { $, element, payers, ruleNames, levelNames, yuan, amountCell, get, showError, year } from "./common.js";

export function setUpHousehold() {
  $("lookup").addEventListener("submit", async (event) => {
    event.preventDefault();
    const target = $("household-view");
    try {
      const id = encodeURIComponent($("household").value.trim());
      render(await (await get(`/api/households/${id}?year=${encodeURIComponent(year())}`)).json());
    } catch (error) {
      target.replaceChildren(element("p"));
      showError(target.firstChild, error);
    }
  });
}

function bar(label, used, cap) {
  const wrapper = element("div");
  wrapper.append(element("div", `${label}: ${yuan(used)} / ${yuan(cap)}`));
  const outer = element("div", null, used >= cap ? "bar full" : "bar");
  const inner = element("div");
  inner.style.width = `${Math.min(100, (100 * used) / cap)}%`;
  outer.setAttribute("role", "meter");
  outer.setAttribute("aria-label", label);
  outer.setAttribute("aria-valuenow", used);
  outer.setAttribute("aria-valuemin", 0);
  outer.setAttribute("aria-valuemax", cap);
  outer.append(inner);
  wrapper.append(outer);
  return wrapper;
}

function render(view) {
  const target = $("household-view");
  target.replaceChildren();
  target.append(element("p", `${view.household_id} · ${view.region_code} · ${view.year}`));
  const table = element("table");
  const head = element("tr");
  head.append(element("th", "成员 Member"), ...payers.map(([, name]) => element("th", name)));
  for (const th of head.cells) th.scope = "col";
  table.append(head);
  for (const member of [...view.members, { psn_no: "合计 Household", totals: view.totals }]) {
    const row = element("tr");
    row.append(element("td", member.psn_no), ...payers.map(([field]) => amountCell(yuan(member.totals[field]))));
    table.append(row);
  }
  target.append(table);
  if (view.caps) {
    target.append(bar("家庭负担 Household burden", view.caps.household_burden, view.caps.household_cap));
    for (const member of view.members) {
      target.append(bar(`${member.psn_no} 个人负担`, member.totals.psn_part_amt, view.caps.individual_cap));
    }
  }
  const all = [...view.thresholds, ...view.members.flatMap((m) => m.thresholds.map((t) => ({ ...t, psn_no: m.psn_no })))];
  // As in the monitoring list, a crossed level hides the warning of the same rule and subject.
  const crossed = new Set(all.filter((t) => t.level === "crossed").map((t) => `${t.psn_no}|${t.rule}`));
  const open = all.filter((t) => t.level !== "warning" || !crossed.has(`${t.psn_no}|${t.rule}`));
  const list = element("ul");
  for (const t of open) {
    list.append(element("li", `${t.psn_no || view.household_id}: ${ruleNames[t.rule] || ""} ${t.rule} ${levelNames[t.level] || ""} (${yuan(t.value)} / ${yuan(t.threshold)})`));
  }
  target.append(element("h3", "未解除预警 Open thresholds"), list);
}
