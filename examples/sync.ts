import { sync } from "chatguru-sync";

const report = await sync({
  source: "leads.csv",
  mapping: "mapping.json",
  connection: {
    apiUrl: process.env.CHATGURU_API_URL ?? "https://s15.chatguru.app/api/v1",
    key: process.env.CHATGURU_API_KEY ?? "",
    accountId: process.env.CHATGURU_ACCOUNT_ID ?? "",
    phoneId: process.env.CHATGURU_PHONE_ID ?? "",
  },
  rate: 5,
  onEvent: (event) => {
    if (event.type === "row") console.log(`row ${event.rowNumber}: ${event.outcome} ${event.error ?? ""}`);
    if (event.type === "rate-limited") console.log(`ChatGuru asked to slow down: paused ${event.pauseMs} ms`);
  },
});
console.log(report.counts, report.results);
if (report.error) console.log(`the run stopped early: ${report.error.code}`);
