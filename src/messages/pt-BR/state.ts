import type { Translation } from "../catalog.js";
import type { EntryKind, stateEn } from "../en/state.js";

const ENTRY: Record<EntryKind, string> = {
  folder: "uma pasta",
  device: "um dispositivo",
  fifo: "um pipe (fifo)",
  socket: "um socket",
  other: "algo que não é um arquivo comum",
};

export const statePt: Translation<typeof stateEn> = {
  "path.entry": (p) => ENTRY[p.entry],
  "state.corrupt": (p) =>
    `o registro de envios ${p.file} está danificado na linha ${p.line}: ${p.what}. Nada foi alterado. Para começar ` +
    `um registro novo, tire o arquivo do lugar (por exemplo, renomeie para ${p.name}.bad) e rode de novo com ` +
    `--new-journal; aí todas as linhas serão tratadas como nunca sincronizadas (notas podem ser adicionadas de novo).`,
  "state.corrupt.notJson": "esta linha não é um JSON válido",
  "state.corrupt.notObject": "esta linha não é um objeto JSON",
  "state.corrupt.noHeader": "a primeira linha não é o cabeçalho de um registro do chatguru-sync",
  "state.corrupt.version": (p) =>
    `o cabeçalho declara a versão de formato ${p.found}, e este chatguru-sync lê a versão ${p.expected} ` +
    `(foi gravado por uma versão mais nova?)`,
  "state.corrupt.noKey": 'este registro não tem a chave da linha ("k")',
  "state.corrupt.notState": "este não é um registro de envios do chatguru-sync (falta a linha de cabeçalho)",
  "state.cutShort": (p) =>
    `o registro de envios ${p.file} está danificado: tem ${p.size} bytes, mas tinha ${p.cleanSize} bytes quando uma ` +
    `sincronização o fechou pela última vez, então faltam registros (o arquivo foi cortado ou trocado por uma cópia ` +
    `mais antiga). Nada foi enviado. Restaure o arquivo completo, se puder. Senão, tire-o do lugar e rode de novo ` +
    `com --new-journal: um registro novo é começado, notas podem ser adicionadas de novo, e diálogos e mensagens de ` +
    `chats que já existem ficam RETIDOS (libere com --release-held depois de conferir).`,
  "state.unreadable": (p) =>
    `Não foi possível ler o registro de envios ${p.file} (${p.reason}). Aponte --state para um arquivo que você possa gravar.`,
  "state.unusable": (p) =>
    `Não é possível manter o registro de envios ${p.file}: ${p.why}. Passe --state com um arquivo numa pasta que você possa gravar, ou corrija essa pasta.`,
  "state.unusable.nameTooLong": "o nome do arquivo é longo demais para o sistema de arquivos",
  "state.unusable.notAFile": (p) => `é ${p.what}, não um arquivo comum`,
  "state.unusable.fileInTheWay": (p) => `há um arquivo no lugar da pasta ${p.dir}`,
  "state.unusable.cannotCreate": (p) => `não foi possível criar a pasta ${p.dir} (${p.code ?? "erro desconhecido"})`,
  "state.unusable.notWritable": (p) => `não é possível gravar na pasta ${p.dir}`,
  "state.adopted": (p) =>
    `continuando o registro de envios anterior: ${p.from} foi movido para ${p.to} (os registros agora ficam ao lado do mapeamento)`,
  "state.noJournalYet": (p) =>
    `ainda não há registro de envios ao lado de ${p.mapping}: todas as linhas entram no plano como novas`,
  "state.manyJournals": (p) =>
    `${p.count} registros de envios ao lado de ${p.mapping} (um por conta/celular do ChatGuru): defina ` +
    `CHATGURU_ACCOUNT_ID e CHATGURU_PHONE_ID para planejar com o registro certo; por ora todas as linhas entram como novas`,
  "state.replacedLost": (p) =>
    `registro de envios ${p.file}: ${p.how === "empty" ? "estava vazio" : p.how === "missing" ? "tinha sumido" : "estava cortado"}; um registro novo foi começado no lugar (--new-journal). ` +
    `Diálogos, mensagens e arquivos para chats que já existem ficam retidos até você conferir e liberar (--release-held).`,
  "state.lostStarted": (p) =>
    `registro de envios ${p.file}: sumiu, mas ${p.left.join(", ")} ao lado dele ${p.left.length === 1 ? "continua" : "continuam"} lá: ` +
    `o registro se perdeu e um novo foi começado. Diálogos, mensagens e arquivos para chats que já existem ficam retidos ` +
    `até você conferir e liberar (--release-held).`,
  "state.lost": (p) => {
    const names = p.names.length <= 1 ? p.names.join("") : `${p.names.slice(0, -1).join(", ")} e ${p.names.at(-1)}`;
    const show = p.names.length === 1 ? "mostra" : "mostram";
    const what =
      p.how === "empty"
        ? `o registro de envios ${p.file} está vazio, então a lista do que as sincronizações anteriores enviaram se perdeu`
        : p.how === "missing"
          ? `o registro de envios ${p.file} sumiu, mas ${names} ao lado dele ${show} que as sincronizações anteriores mantinham um registro ali`
          : `o registro de envios ${p.file} tem só o começo da primeira linha, mas ${names} ao lado dele ${show} que as sincronizações anteriores mantinham um registro ali`;
    return (
      `${what}. Nada foi enviado: começar de novo adicionaria todas as notas outra vez e poderia repetir diálogos e mensagens. ` +
      `Restaure o arquivo de um backup, se puder (um cache, uma cópia, o controle de versão). Senão, rode de novo com ` +
      `--new-journal para começar um registro novo: aí notas podem ser adicionadas de novo, e diálogos e mensagens para ` +
      `chats que já existem ficam retidos até você conferir e rodar com --release-held.`
    );
  },
  "lock.account": (p) =>
    `outra sincronização do chatguru-sync (processo ${p.pid}${p.host !== undefined ? ` no computador ${p.host}` : ""}, iniciada em ${p.startedAt}${p.journal ? `, com o registro ${p.journal}` : ""}) está enviando para esta ` +
    `conta e este celular do ChatGuru. As sincronizações de uma mesma conta e celular esperam a vez (duas cópias de um mapeamento ` +
    `adicionariam os mesmos chats e notas duas vezes, e o limite de requisições do ChatGuru é por conta): espere ela terminar e rode ` +
    `de novo. Nada foi enviado. Se nenhuma sincronização estiver rodando, apague ${p.lock}`,
  "state.incompleteLine": (p) =>
    `registro de envios ${p.file}: a última linha estava incompleta e foi ignorada (a sincronização anterior foi encerrada no meio da gravação)`,
  "state.snapshotNotSaved": (p) =>
    `registro de envios ${p.file}: não foi possível salvar o resumo (${p.message}); a próxima sincronização lê o arquivo inteiro`,
  "state.writeFailed": (p) =>
    `não foi possível gravar o registro de envios ${p.file}: ${p.message}. A sincronização parou para que nenhuma ` +
    `requisição saia sem ficar registrada; corrija a causa (disco cheio? permissões?) e rode de novo`,
  "state.compactFailed": (p) =>
    `registro de envios ${p.file}: não foi possível compactar (${p.message}); continua acrescentando no fim`,
  "lock.takenOver": (p) =>
    `trava ${p.lock}: assumida do processo ${p.pid} (iniciado em ${p.startedAt}), que não está mais rodando`,
  "lock.unreadable": (p) =>
    `a trava ${p.lock} existe mas não pode ser lida; outra sincronização do chatguru-sync pode estar começando. ` +
    `Espere ou, se nenhuma estiver rodando, apague ${p.lock}`,
  "lock.removedGarbage": (p) => `trava ${p.lock}: removido um arquivo de trava ilegível com mais de um minuto`,
  "lock.keepsChanging": (p) => `não foi possível pegar a trava ${p.lock}: ela fica trocando de dono`,
  "lock.held": (p) =>
    `outra sincronização do chatguru-sync (processo ${p.pid}${p.host !== undefined ? ` no computador ${p.host}` : ""}, iniciada em ${p.startedAt}) está usando este registro; ` +
    `espere terminar ou, se ela não existe mais, apague ${p.lock}`,
};
