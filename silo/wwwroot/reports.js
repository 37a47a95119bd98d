// Report downloads. The key travels in a header, so a download is a fetch turned into a Blob and saved
// through a temporary link (a plain link would have to put the key in the URL).
import { $, get, showError, showNote, region, year } from "./common.js";

export function setUpReports() {
  const month = $("report-month");
  month.value = reportMonth(Number(year()));
  $("year").addEventListener("input", () => {
    if (/^\d{4}$/.test(year())) month.value = reportMonth(Number(year()));
  });
  $("reports").addEventListener("submit", (event) => {
    event.preventDefault();
    download(event.submitter?.value || "monthly", month.value);
  });
}

/**
 * The month usually asked for in a year: the report is of a month that has ended (the ledger refuses
 * one still running), so this year's is the last ended month on China's calendar (December's of last
 * year in January), and an earlier year's is its December.
 */
function reportMonth(chosen) {
  const china = new Date(Date.now() + 8 * 3600 * 1000);
  const [thisYear, thisMonth] = [china.getUTCFullYear(), china.getUTCMonth() + 1];
  const last = thisMonth === 1 ? [thisYear - 1, 12] : [thisYear, thisMonth - 1];
  const [y, m] = chosen && chosen < thisYear ? [chosen, 12] : last;
  return `${y}-${String(m).padStart(2, "0")}`;
}

async function download(report, month) {
  const status = $("reports-status");
  showNote(status, "下载中 Downloading…");
  try {
    const response = await get(`/api/regions/${encodeURIComponent(region())}/reports/${report}?month=${encodeURIComponent(month)}`);
    const blob = await response.blob();
    const name = fileName(response) || `${report}-${region()}-${month}.csv`;
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    showNote(status, `已下载 Downloaded ${name} (${blob.size.toLocaleString("zh-CN")} bytes)`);
  } catch (error) {
    showError(status, error);
  }
}

/** The file name the server suggests in Content-Disposition, if any. */
function fileName(response) {
  const disposition = response.headers.get("Content-Disposition") || "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}
