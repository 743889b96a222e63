import type { Translation } from "../catalog.js";
import type { cliEn } from "../en/cli.js";
import { list, num } from "../format-pt.js";

const times = (n: number) => (n === 2 ? "duas vezes" : `${n} vezes`);

export const cliPt: Translation<typeof cliEn> = {
  "cli.usageFailure": (p) => `erro: ${p.message}\nRode "chatguru-sync --help" para ver como usar.`,
  "cli.invalidUsage": "Uso inválido.",
  "cli.internalError": (p) => `erro interno (por favor, avise): ${p.text}`,
  "cli.langInvalid": (p) => `--lang precisa ser en ou pt-BR, veio "${p.value}".`,
  "cli.nameCommand": "Diga um comando: sync, validate, status, call, mock-server, init, ui.",
  "cli.givenTwice": (p) => `--${p.flag} foi dada ${times(p.values.length)}: ${list(p.values)}. Dê uma vez só.`,
  "cli.flagNoValue": (p) =>
    `--${p.flag} veio sem valor: escreva o valor logo depois da opção${p.flag === "delimiter" ? ` entre aspas (--delimiter ";"): o shell corta um ; sem aspas` : ""}.`,
  "cli.rowsGivenTwice": (p) =>
    `--${p.flag} foi dada ${p.times} vezes: dê uma vez só, com todas as linhas (--${p.flag} 5,12,20-25).`,
  "cli.rowsInvalid": (p) =>
    `--${p.flag} recebe números de linha da planilha como 5,12,20-25 (ou nada, para todas as linhas), veio "${p.value}".`,
  "cli.numberFlagNoValue": (p) => `--${p.flag} veio sem valor: escreva um número logo depois dela.`,
  "cli.stopped": "mock-server parado",
  "cli.logUnwritable": (p) =>
    `não foi possível acrescentar a linha desta sincronização ao arquivo de log ${p.file} (${p.reason})`,
  "cli.plainHttp": (p) =>
    `CHATGURU_API_URL usa http:// sem criptografia em ${p.host}: a chave da API vai aberta em cada requisição; ` +
    "use o endereço https:// da sua conta do ChatGuru.",
  "cli.envFile": (p) => `Não foi possível ler ${p.file}: ${p.message}`,
  "cli.connectionMissing": (p) =>
    `${p.settings.length > 1 ? "Faltam dados" : "Falta um dado"} de conexão com o ChatGuru: ${p.settings.join(", ")}`,
  "cli.connectionSetting": (p) => `${p.variable} (ou ${p.flag})`,
  "cli.apiUrlInvalid": (p) =>
    `CHATGURU_API_URL não é uma URL: "${p.url}". O esperado é algo como https://s15.chatguru.app/api/v1`,
  "cli.apiUrlProtocol": (p) => `CHATGURU_API_URL precisa ser http(s), veio "${p.protocol}".`,
  "init.exists": (p) => `${p.file} já existe; use --force para sobrescrever.`,
  "init.unwritable": (p) =>
    `Não foi possível gravar ${p.file}: a pasta não existe ou não pode ser gravada. Crie a pasta ou passe outro --out.`,
  "init.noPhoneColumn": (p) =>
    `Nenhuma coluna de ${p.source} parece um número de WhatsApp (colunas: ${p.columns.map((h) => `"${h}"`).join(", ")}). ` +
    `O cabeçalho está em outra linha? Se não, escreva o mapeamento à mão: veja mapping.example.json.`,
  "init.wrote": (p) =>
    `Gravado ${p.file}: telefone ← "${p.phone}"${p.byValues ? " (as células parecem números de telefone)" : ""}` +
    `${p.name !== undefined ? `, nome ← "${p.name}"` : ", nenhuma coluna de nome encontrada (os chats ficam com o número como nome)"}.`,
  "init.suggestions": (p) =>
    `${p.columns.length === 1 ? "1 outra coluna aparece como sugestão de campo personalizado" : `${num(p.columns.length)} outras colunas aparecem como sugestões de campo personalizado`}, comentadas: ` +
    p.columns.map((s) => `"${s}"`).join(", ") +
    ".",
  "init.enableOne":
    "  Ative uma só se o ChatGuru tiver um campo personalizado com exatamente esse nome; um campo desconhecido para a sincronização.",
  "init.next": (p) => `Próximo passo: ${p.command}`,
  "init.comment.mode": "create: só cria | update: só atualiza | upsert: atualiza ou cria",
  "init.comment.empty": 'skip: células vazias não são enviadas | clear: enviadas como ""',
  "init.comment.suggestions":
    "Sugestões: tire o // de uma linha só quando o ChatGuru tiver um campo personalizado com exatamente esse nome",
  "init.comment.suggestionsHow":
    "(à esquerda: o nome do campo no ChatGuru; à direita: a coluna). Um campo que o ChatGuru não conhece para a sincronização.",
  "call.paramInvalid": (p) => `--param espera chave=valor, veio "${p.text}".`,
  "call.notAnAction": (p) =>
    `"${p.action}" não é um nome de ação (só letras, dígitos e _). Ações documentadas (parâmetros obrigatórios):\n${p.list}`,
  "call.undocumented": (p) =>
    `"${p.action}" não é uma das ações documentadas; será enviada assim mesmo ("chatguru-sync call --help" lista as ações).`,
  // The first line is a contract scripts parse (`listening on http://…`): it stays as it is in every language.
  "mock.listening": (p) => `listening on ${p.url}`,
  "mock.credentials": (p) => `credenciais (de teste): key=${p.key} account_id=${p.accountId} phone_id=${p.phoneId}`,
  "mock.state": (p) => `estado: GET http://127.0.0.1:${p.port}/__mock/state — pare com Ctrl-C`,
  "mock.existingInvalid": (p) =>
    `--existing precisa listar números só com dígitos (por exemplo 5511987654321), veio "${p.value}".`,
  "mock.rule.port": "um número inteiro de 0 a 65535",
  "mock.rule.ms": "milissegundos, de 0 para cima",
  "mock.rule.probability": "uma probabilidade de 0 a 1",
  "mock.rule.rateLimit": "um número inteiro de 0 (sem limite) para cima",
  "mock.rule.seed": "um número inteiro",
  "mock.rule.share": "uma fração de 0 a 1",
  "mock.areasInvalid": (p) =>
    `--twelve-digit-areas precisa listar DDDs de dois dígitos ou faixas (por exemplo 47,48 ou 31-99), veio "${p.value}".`,
  "forced.stopped": "segundo Ctrl-C: parou na hora, sem esperar as requisições em andamento.",
  "forced.none": "Nenhuma linha estava em andamento.",
  "forced.rows": (p) => {
    const total = p.rows.length + p.more;
    return (
      `${total === 1 ? "Pode ter ficado em andamento a linha" : "Podem ter ficado em andamento as linhas"} ${p.rows.join(", ")}` +
      `${p.more > 0 ? ` e mais ${num(p.more)}` : ""} (o ChatGuru pode ou não ter recebido a última requisição ${total === 1 ? "dela" : "delas"}).`
    );
  },
  "forced.results":
    "O arquivo de resultados não foi regravado por esta sincronização; o registro de envios tem cada linha que terminou e cada chat_add enviado.",
  "forced.again": "Rode o mesmo comando de novo: ele confere essas linhas e nunca adiciona um chat duas vezes.",
  "demo.start": (p) =>
    `ChatGuru simulado em ${p.url} (${p.existing} chats já existem; o chat_add leva ~${p.addSeconds} s)\n` +
    `Sincronizando ${p.source} com ${p.mapping}…`,
  "demo.end": (p) =>
    `O simulador agora tem ${p.chats} chats e recebeu ${p.requests} requisições (${p.byAction}).\n` +
    "Abra o arquivo de resultados acima no Excel ou no LibreOffice: uma linha por contato, com o chatguru_status.",
  "demo.exitRowProblems": (p) =>
    `Código de saída ${p.code}: algumas linhas são inválidas/duplicadas/falharam de propósito — o exemplo mostra todos os resultados.`,
  "demo.exitOther": (p) => `Código de saída ${p.code}: veja o README → Códigos de saída.`,
};
