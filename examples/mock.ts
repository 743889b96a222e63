import { sync } from "chatguru-sync";
import { startMockServer } from "chatguru-sync/mock";

// A fake ChatGuru on 127.0.0.1 that adds chats after 2 s, for trying a mapping without touching a real account.
const mock = await startMockServer({ addDelayMs: 2000 });
try {
  const report = await sync({
    source: "leads.csv",
    mapping: "mapping.json",
    connection: { apiUrl: mock.url, ...mock.credentials },
    state: "mock-journal.ndjson",
    lockDir: false,
  });
  console.log(report.counts);
  console.log(mock.state().requests);
} finally {
  await mock.close();
}
