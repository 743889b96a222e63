/**
 * After an update missed on the form its area code is stored under, the chat is either new or an old registration
 * under the other 9th-digit form. Probing that form costs 1 request and finds such a chat; adding costs 3 (chat_add,
 * chat_add_status, the update) whatever the chat turns out to be, and makes the row wait for ChatGuru. With q the
 * chance that the miss is a chat under the other form, the probe costs q·1 + (1 − q)·(1 + 3) and the add 3: the probe
 * pays from q = 1/3. It is chosen a little below that, because the add also costs its row a wait of seconds.
 */
const PROBE_FROM = 0.25;

/**
 * q from the share of new rows in the run (`newShare`) and the share of the area code's chats stored under the
 * other form (`otherShare`): an existing chat is under the other form with probability otherShare, a new one misses
 * anyway. A run of existing chats (newShare ≈ 0) always probes; a run with a fair share of new rows adds.
 */
export function secondProbePays(newShare: number, otherShare: number): boolean {
  const other = (1 - newShare) * otherShare;
  const missed = other + newShare;
  return missed === 0 || other / missed >= PROBE_FROM;
}
