import type { Translation } from "../catalog.js";
import type { OutcomeName, summaryEn } from "../en/summary.js";
import { count, decimal, LINHA, list, num, REQUISICAO, word } from "../format-pt.js";

/** The outcome as a count of rows (linhas, feminine): `1 criada`, `3 criadas`, `2 sem mudança`. */
const OUTCOME: Record<OutcomeName, { one: string; other: string }> = {
  created: { one: "criada", other: "criadas" },
  updated: { one: "atualizada", other: "atualizadas" },
  unchanged: { one: "sem mudança", other: "sem mudança" },
  pending: { one: "pendente", other: "pendentes" },
  invalid: { one: "inválida", other: "inválidas" },
  duplicate: { one: "duplicada", other: "duplicadas" },
  failed: { one: "com falha", other: "com falha" },
};

/** A dry run's planned status (the plan file keeps the English value, which is data). */
const PLANNED: Readonly<Record<string, string>> = {
  "would-upsert": "atualizar ou criar",
  "would-create": "criar",
  "would-update": "atualizar",
  "would-retry": "tentar de novo",
  unchanged: "sem mudança",
};

/** Held or uncertain sends as the engine names them: `dialog`, `message`, `file`, or an action (kept as it is). */
const SEND_WORDS: Readonly<Record<string, string>> = { dialog: "diálogo", message: "mensagem", file: "arquivo" };
const sends = (what: readonly string[]) => list(what.map((w) => SEND_WORDS[w] ?? w));

/** ChatGuru's message statuses in words (singular, plural); one it adds later is shown as it is. */
const STATUS: Readonly<Record<string, readonly [string, string]>> = {
  sent: ["enviada", "enviadas"],
  delivered: ["entregue", "entregues"],
  read: ["lida", "lidas"],
  scheduled: ["agendada", "agendadas"],
  failed: ["com falha", "com falha"],
};

const rowsWere = (n: number, singular: string, plural: string) =>
  n === 1 ? `1 linha ${singular}` : `${num(n)} linhas ${plural}`;

export const summaryPt: Translation<typeof summaryEn> = {
  "outcome.created": "criada",
  "outcome.updated": "atualizada",
  "outcome.unchanged": "sem mudança",
  "outcome.pending": "pendente",
  "outcome.invalid": "inválida",
  "outcome.duplicate": "duplicada",
  "outcome.failed": "com falha",
  "outcome.skipped": "pulada",
  "summary.outcomeCount": (p) => `${num(p.n)} ${word(p.n, OUTCOME[p.outcome])}`,
  "summary.notReachedCount": (p) => `${num(p.n)} ${word(p.n, { one: "não alcançada", other: "não alcançadas" })}`,
  "summary.rows": (p) => count(p.n, LINHA),
  "summary.dryRun": (p) => `simulação: ${p.line}`,
  "summary.counts": (p) => `${p.rows}${p.parts.length ? ` — ${p.parts.join(", ")}` : ""}`,
  "summary.line": (p) => `${p.rows} em ${decimal(p.seconds)} s${p.parts.length ? ` — ${p.parts.join(", ")}` : ""}`,
  "summary.quiet": (p) =>
    `${p.time} ${p.label}: ${p.idle ? "nada pendente; " : ""}${p.counts} (código de saída ${p.exitCode})`,
  "summary.quietStopped": (p) => `${p.time} ${p.label}: parou (código de saída ${p.exitCode})`,
  "summary.nothingPending": "Nenhuma linha pendente: nada a terminar.",
  "summary.invalidCount": (p) => `${num(p.n)} ${word(p.n, OUTCOME.invalid)}`,
  "summary.duplicateCount": (p) => `${num(p.n)} ${word(p.n, OUTCOME.duplicate)}`,
  "summary.rowsToFix": (p) =>
    `as linhas a corrigir (${p.counts.join(", ")}) ainda deixam o código de saída em 1: corrija-as e sincronize, ou passe --fail-on failed.`,
  "summary.limit": (p) => {
    const what = p.n === 1 ? "mais 1 linha ficou" : `mais ${num(p.n)} linhas ficaram`;
    if (p.dryRun) return `${what} de fora por --limit (fora do plano); rode sem --limit para planejar todas.`;
    const they = p.n === 1 ? "ela mantém o" : "elas mantêm o";
    return `${what} de fora por --limit: ${they} último resultado no arquivo de resultados; rode sem --limit para sincronizá-${p.n === 1 ? "la" : "las"}.`;
  },
  "summary.notSynced": (p) =>
    `${rowsWere(p.n, "nunca foi sincronizada", "nunca foram sincronizadas")} (este comando só termina o que o sync começou): rode "chatguru-sync sync" para enviá-${p.n === 1 ? "la" : "las"}.`,
  "summary.notReached": (p) => {
    const rows = rowsWere(p.missed, "não foi alcançada", "não foram alcançadas");
    if (p.resultsKept)
      return `${rows}: o arquivo de resultados mantém o que as sincronizações anteriores gravaram; corrija o erro abaixo e rode de novo.`;
    if (p.kept === 0 && p.recorded === 0)
      return `${rows} (sem status no arquivo de resultados): rode de novo para continuar.`;
    const one = p.missed === 1;
    if (p.kept === p.missed)
      return `${rows}: ${one ? "ela mantém" : "elas mantêm"} o último resultado de uma sincronização anterior no arquivo de resultados; rode de novo para continuar.`;
    if (p.recorded === p.missed)
      return `${rows}: ${one ? "ela mostra" : "elas mostram"} o que esta sincronização registrou antes de parar; rode de novo para continuar.`;
    const blank = p.missed - p.kept - p.recorded;
    const parts = [
      ...(p.kept > 0
        ? [`${num(p.kept)} ${p.kept === 1 ? "mantém" : "mantêm"} o último resultado de uma sincronização anterior`]
        : []),
      ...(p.recorded > 0
        ? [
            `${num(p.recorded)} ${p.recorded === 1 ? "mostra" : "mostram"} o que esta sincronização registrou antes de parar`,
          ]
        : []),
      ...(blank > 0 ? [`${num(blank)} ${blank === 1 ? "fica" : "ficam"} sem status no arquivo de resultados`] : []),
    ];
    return `${rows}: ${list(parts)}; rode de novo para continuar.`;
  },
  "summary.workbook": (p) =>
    `${p.dryRun ? "plano" : "resultados"} para o Excel: ${p.path} (as mesmas linhas, abre direto no Excel)`,
  "summary.errorsWorkbook": (p) =>
    `erros para o Excel: ${p.path} (corrija as linhas lá e sincronize esse arquivo, se preferir)`,
  "status.count": (p) => `${num(p.n)} ${STATUS[p.status]?.[p.n === 1 ? 0 : 1] ?? p.status}`,
  "status.checked": (p) =>
    `mensagens: ${count(p.checked, { zero: "nenhuma conferida", one: "conferida", other: "conferidas" })} — ${p.statuses.join(", ")}.`,
  "status.unanswered": (p) =>
    `${p.n === 1 ? "1 não pôde ser conferida" : `${num(p.n)} não puderam ser conferidas`} (o ChatGuru não respondeu): ${p.n === 1 ? "ela mantém" : "elas mantêm"} o último status conhecido.`,
  "status.noneChanged": "nenhuma mudou desde a última conferência.",
  "status.changed": (p) => `${p.n === 1 ? "1 mudou" : `${num(p.n)} mudaram`} desde a última conferência:`,
  "status.change": (p) => `linha ${p.row}${p.file ? " (arquivo)" : ""}: ${p.from} → ${p.to}`,
  "status.none": "sem status",
  "status.value": (p) => STATUS[p.status]?.[0] ?? p.status,
  "status.more": (p) => `… e mais ${num(p.n)} (chatguru_message_status no arquivo de resultados).`,
  "summary.requests": (p) =>
    `requisições: ${num(p.total)}${p.retries ? ` (${num(p.retries)} ${word(p.retries, { one: "nova tentativa", other: "novas tentativas" })})` : ""}${p.byAction.length ? ` — ${p.byAction.join(", ")}` : ""}`,
  "summary.actionCount": (p) => `${p.action} ${num(p.n)}`,
  "summary.planFile": (p) => `arquivo do plano: ${p.path}`,
  "summary.results": (p) => `resultados: ${p.path}`,
  "summary.errors": (p) =>
    `erros: ${p.path} (só as linhas a corrigir: corrija-as lá e sincronize esse arquivo — o cabeçalho dele está na linha 1)`,
  "summary.state": (p) => `registro de envios: ${p.path}`,
  "summary.addsPending": (p) =>
    p.n === 1
      ? `1 chat ainda está sendo adicionado pelo ChatGuru: rode "chatguru-sync status" (com os mesmos --source/--mapping) ou a próxima sincronização para terminá-lo.`
      : `${num(p.n)} chats ainda estão sendo adicionados pelo ChatGuru: rode "chatguru-sync status" (com os mesmos --source/--mapping) ou a próxima sincronização para terminá-los.`,
  "summary.firstProblems": (p) =>
    `Primeiros problemas${p.total > p.shown ? ` (${num(p.shown)} de ${num(p.total)}; todos estão no arquivo de resultados)` : ""}:`,
  "summary.rowProblem": (p) => `${p.outcome} — ${p.error}`,
  "summary.metStopper": (p) =>
    `${p.rows.length > 1 ? "Linhas" : "Linha"} ${p.rows.join(", ")}: com falha — veja o erro abaixo`,
  "summary.rateLimited": (p) =>
    `O ChatGuru respondeu 429 (limite de requisições): pausando todas as requisições por ${new Intl.NumberFormat("pt-BR", { maximumFractionDigits: 1 }).format(p.seconds)} s.`,
  "summary.stopping": (p) => `parando: ${p.reason}`,
  "summary.response": (p) =>
    `${p.row !== undefined ? `linha ${p.row}` : "linha -"} ${p.action}${p.attempt > 1 ? ` (tentativa ${p.attempt})` : ""} → ` +
    `${p.status !== undefined ? `${p.status}` : "sem resposta"} em ${p.ms} ms${p.code ? ` (${p.code})` : ""}`,
  "summary.cycle": (p) => `${p.stamp} ciclo ${p.cycle}: ${p.line}`,
  "summary.cycleError": (p) => `${p.stamp} ciclo ${p.cycle}: erro: ${p.message}`,
  "number.oneDecimal": (p) => decimal(p.n),
  "progress.format": " {bar} {value}/{total} linhas | {rate} linhas/s | faltam {eta_text} | {requests} requisições",
  "plan.counts": (p) =>
    `plano: ${num(p.new)} ${word(p.new, { one: "nova", other: "novas" })} (atualizar ou criar), ` +
    `${num(p.changed)} ${word(p.changed, { one: "alterada", other: "alteradas" })} → atualizar, ` +
    `${num(p.retry)} para tentar de novo, ${num(p.unchanged)} sem mudança`,
  "plan.nothingToSend": "custo: nada a enviar (todas as linhas estão sem mudança, inválidas ou duplicadas)",
  "plan.cost": (p) =>
    `custo: cerca de ${count(p.requests, REQUISICAO)}, ${p.time} (--concurrency ${p.concurrency}; chats novos ainda esperam de 1 a 30 s até o ChatGuru adicioná-los)`,
  "plan.time": (p) => `≈ ${p.duration} com --rate ${p.rate}`,
  "plan.noRateCap": "sem limite em --rate, então o tempo depende da rapidez com que o ChatGuru responde",
  "plan.previewHead": (p) =>
    p.n === 1 ? "a única linha a enviar, como será enviada" : `as ${num(p.n)} primeiras linhas, como serão enviadas`,
  "plan.previewRow": (p) => `linha ${p.row} (${p.status}): ${p.parts.join(" · ")}`,
  "plan.status": (p) => PLANNED[p.status] ?? p.status,
  "plan.noCustomField": "nenhum campo personalizado",
  "plan.note": (p) => `nota ${p.note}`,
  "duration.seconds": (p) => `${p.n} s`,
  "duration.minutes": (p) => `${p.n} min`,
  "duration.hours": (p) => `${p.h} h ${String(p.min).padStart(2, "0")} min`,
  "messages.plan": (p) =>
    (p.wouldSend === 0
      ? "mensagens: nenhuma seria enviada"
      : `mensagens: ${num(p.wouldSend)} ${p.wouldSend === 1 ? "seria enviada" : "seriam enviadas"}`) +
    (p.overCap > 0 ? ` (mais ${num(p.overCap)} ficam para uma próxima sincronização: --max-messages)` : "") +
    (p.wouldSend > 0 ? "; as primeiras, por inteiro:" : "."),
  "messages.mayBeHeld": (p) =>
    `(${p.n === 1 ? "1 delas pode ter sido enviada" : `${num(p.n)} delas podem ter sido enviadas`} por uma sincronização anterior cujo registro de envios se perdeu: ` +
    "uma sincronização de verdade retém as dos chats que já existem no ChatGuru até você conferir e liberar com --release-held)",
  "messages.late": (p) =>
    `${p.n === 1 ? "1 mensagem não será enviada: a data de envio dela já passou" : `${num(p.n)} mensagens não serão enviadas: a data de envio delas já passou`} (o resto dessas linhas vai normalmente).`,
  "messages.sample": (p) =>
    `linha ${p.row} → ${p.chat} ${p.kind}${p.sendDate ? ` em ${p.sendDate} (horário de Brasília)` : ""}:`,
  "messages.kind.message": "mensagem",
  "messages.kind.file": "arquivo",
  "messages.sent": (p) => {
    const parts = [p.sent === 0 ? "nenhuma enviada" : `${num(p.sent)} ${p.sent === 1 ? "enviada" : "enviadas"}`];
    if (p.uncertain > 0)
      parts.push(
        `${num(p.uncertain)} ${p.uncertain === 1 ? "incerta" : "incertas"} (a resposta do ChatGuru se perdeu; nunca são enviadas de novo: confira o chat dessas linhas no ChatGuru)`,
      );
    if (p.deferred > 0)
      parts.push(
        `${num(p.deferred)} ${p.deferred === 1 ? "espera" : "esperam"} a próxima sincronização (--max-messages ${p.maxMessages})`,
      );
    if (p.heldRows > 0)
      parts.push(
        `${count(p.heldRows, LINHA)} ${p.heldRows === 1 ? "retida" : "retidas"}: confira e depois rode de novo com --release-held`,
      );
    if (p.uncertainRows > 0) parts.push(`${count(p.uncertainRows, LINHA)} com envio de resultado incerto`);
    return `mensagens: ${parts.join(", ")}.`;
  },
  "messages.listed.held": (p) => `linha ${p.row} → ${p.number}: retido: ${sends(p.what) || "diálogo/mensagem"}`,
  "messages.listed.uncertain": (p) => `linha ${p.row} → ${p.number}: incerto: ${sends(p.what)}`,
  "messages.listed.more": (p) => `…e mais ${num(p.n)} (o arquivo de erros lista todas)`,
  "messages.listed.releaseHeld": (p) =>
    `confira esses chats no ChatGuru e envie o que não estiver lá: --release-held ${p.numbers} (ou --release-held para todas)`,
  "messages.listed.resolve": (p) =>
    `confira esses chats no ChatGuru: se a mensagem estiver lá, --resolve ${p.numbers}; se não, --release-held ${p.numbers}`,
  "validate.checked": (p) =>
    p.n === 0
      ? `Nenhuma linha de ${p.label} verificada em ${decimal(p.seconds)} s (nenhuma chamada à API).`
      : `${count(p.n, LINHA)} de ${p.label} ${p.n === 1 ? "verificada" : "verificadas"} em ${decimal(p.seconds)} s (nenhuma chamada à API).`,
  "validate.counts": (p) => `válidas: ${num(p.valid)}   inválidas: ${num(p.invalid)}   duplicadas: ${num(p.duplicate)}`,
  "validate.problemsSome": (p) => `Problemas (os ${num(p.shown)} primeiros de ${num(p.total)}):`,
  "validate.problemsAll": (p) => `Problemas (${num(p.total)}):`,
  "validate.resultsWritten": (p) => `Resultados gravados em ${p.path}`,
  "validate.useResults": "Use --results CAMINHO para ter cada problema ao lado da sua linha.",
};
