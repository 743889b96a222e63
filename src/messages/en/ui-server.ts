import type { Entry } from "../catalog.js";

/** Where a ChatGuru admin finds the four connection settings: said by every credentials message. */
const PHONES_PAGE = "on ChatGuru's Phones page";

/**
 * What the web app's server says to a person (`chatguru-sync ui`): its refusals, its errors and checks, and `ui.fix.*`,
 * the fix in plain words for the row problems and run errors people meet most in the app. Codes stay beside them.
 */
export const uiServerEn = {
  "ui.server.unauthorized": "Session not recognised: open the address shown in the terminal (it ends in ?t=…).",
  "ui.server.unauthorizedTitle": "Open the terminal's address",
  "ui.server.unauthorizedBody":
    "For safety this page opens only from the full address chatguru-sync printed in the terminal " +
    "(http://127.0.0.1:…/?t=…). Copy that address and paste it into the browser's address bar.",
  "ui.server.wrongHost": "Address not recognised: use the http://127.0.0.1 address shown in the terminal.",
  "ui.server.foreignOrigin": "Request refused: it came from another page, not from chatguru-sync.",
  "ui.server.notFound": "Not found.",
  "ui.server.methodNotAllowed": "This address does not take this kind of request.",
  "ui.server.internal": "chatguru-sync internal error. Try again; if it repeats, tell support with the detail below.",
  "ui.server.pagesNotBuiltTitle": "Pages not built",
  "ui.server.pagesNotBuiltBody":
    "The server is up, but the pages were not built. Run npm run build in chatguru-sync's folder.",
  "ui.server.bodyTooLarge": (p: { limit: string }) => `The request is over the ${p.limit} limit.`,
  "ui.server.uploadTooLarge": (p: { limit: string }) =>
    `The file is over the ${p.limit} limit. Split the spreadsheet into smaller parts or use a Google Sheets link.`,
  "ui.server.uploadEmpty": "The file arrived empty. Choose the file again.",
  "ui.server.uploadName": "Give the file's name (?name=contacts.csv).",
  "ui.server.uploadKind": (p: { name: string }) =>
    `"${p.name}" is not a spreadsheet chatguru-sync reads: use CSV (.csv, .txt, .tsv) or Excel (.xlsx).`,
  "ui.server.uploadAborted": "The file's upload was cut off before the end. Try again.",
  "ui.server.invalidJson": "The request's body is not valid JSON.",
  "ui.server.badField": (p: { field: string; expected: string }) => `The field "${p.field}" must be ${p.expected}.`,
  "ui.server.expected.text": "a text",
  "ui.server.expected.boolean": "true or false",
  "ui.server.expected.integerFrom": (p: { min: number }) => `a whole number from ${p.min} up`,
  "ui.server.expected.sourceId": "the id of a file",
  "ui.server.expected.object": "an object",
  "ui.server.expected.textList": "a list of texts",
  "ui.server.connection.urlInvalid":
    "The API address must be a full http(s) URL, for example https://s15.chatguru.app/api/v1.",
  "ui.server.connection.missing": (p: { names: readonly string[] }) => `Still to fill in: ${p.names.join(", ")}.`,
  "ui.server.connection.oneLine":
    "Each connection field is a single line: delete the line break that came along when pasting.",
  "ui.server.connection.envWins": (p: { variable: string }) =>
    `${p.variable} is set in the system's environment variables and wins over .env: the value saved here is not used while it exists.`,
  "ui.server.connection.ok": "Connection accepted by ChatGuru.",
  "ui.server.connection.key": `ChatGuru refused the API key (key). Copy the key again ${PHONES_PAGE}.`,
  "ui.server.connection.account": `ChatGuru refused the account ID (account_id). Check it ${PHONES_PAGE}.`,
  "ui.server.connection.phone": `ChatGuru refused the phone ID (phone_id). Check it ${PHONES_PAGE}.`,
  "ui.server.connection.url":
    "That address did not answer like ChatGuru's API. Check the API URL (it ends in /api/v1), " +
    "for example https://s15.chatguru.app/api/v1.",
  "ui.server.connection.network": "ChatGuru did not answer in time. Check the internet and try again.",
  "ui.server.connection.label.apiUrl": "API URL",
  "ui.server.connection.label.key": "API key",
  "ui.server.connection.label.accountId": "account ID",
  "ui.server.connection.label.phoneId": "phone ID",
  "ui.server.source.notFound": "File not found: upload the file again.",
  "ui.server.source.sheetsLink":
    "Paste the link of a Google Sheets spreadsheet (https://docs.google.com/spreadsheets/d/…).",
  "ui.server.source.unreadable": "The file could not be read this way. See the detail and change how it is read.",
  "ui.server.source.headerRow": "The header row must be a whole number from 1 up.",
  "ui.server.source.titleRow": (p: { label: string; row: number; title: string; tableRow: number; columns: number }) =>
    `Row ${p.row} looks like a title ("${p.title}"), not column names; row ${p.tableRow} has ${p.columns} filled ` +
    `columns. If the column names are on row ${p.tableRow}, leave ${p.tableRow} in "Header row" and click ` +
    `"Read again with these options" (the rows above it are ignored).`,
  "ui.server.mapping.invalid": "The mapping has problems; nothing was saved. Fix the items below.",
  "ui.server.mapping.missing": "Save the columns' mapping before going on.",
  "ui.server.mapping.noPhoneColumn": (p: { columns: readonly string[] }) =>
    `No column seems to hold WhatsApp numbers (columns: ${p.columns.join(", ")}). Choose the WhatsApp column.`,
  "ui.server.mapping.template": "Write a text for the preview.",
  "ui.server.plan.heldWhy":
    "New contacts get the message as usual. For those who already have a conversation in ChatGuru it may be held: " +
    "the spreadsheet or the results file shows an earlier sending may already have sent this message, and that " +
    "sending's history is no longer here. Held ones show in the result, with the reason, and can be released later.",
  "ui.server.run.consentRequired":
    "This sending sends messages or runs dialogs for the contacts: confirm the legal basis (LGPD) before starting.",
  "ui.server.run.active": "A sending with this mapping is already in progress. Wait for it to finish or stop it.",
  "ui.server.run.notFound": "Sending not found.",
  "ui.server.run.notContinuable": "Only an interrupted, stopped or failed sending can be continued.",
  "ui.server.run.noFile": "This sending does not have that file.",
  "ui.server.run.failedToStart": "The sending did not start.",
  "ui.server.run.stoppedByServer":
    "The server was shut down (Ctrl-C): the sending stopped safely and can be continued.",
  "ui.fix.ROW_PHONE_INVALID": "Fix the number in the spreadsheet (area code + number; Brazil's 55 is optional).",
  "ui.fix.ROW_VALUE_MISSING": "Fill in the cell or give that field a default value in the mapping.",
  "ui.fix.ROW_VALUE_INVALID": "Fix the cell's value to the format asked for.",
  "ui.fix.ROW_DUPLICATE_KEY":
    "The same person is on more than one row: only the first is sent. Delete the repeated ones.",
  "ui.fix.ROW_TOO_MANY_COLUMNS":
    "The row has more cells than the header: check the separator or the quotes on that row.",
  "ui.fix.ROW_QUOTE_SPANS_LINES": "An open quote joins several rows: close the quote in the cell shown.",
  "ui.fix.ROW_SEND_DATE_INVALID": "Write the date as DD/MM/AAAA HH:MM.",
  "ui.fix.ROW_SEND_DATE_PAST": "The send date is past: change the date or clear it to send now.",
  "ui.fix.ROW_FILE_URL_INVALID": "Use an https link that ends in the file's extension (.pdf, .jpg…).",
  "ui.fix.CHATGURU_AUTH": "Check the key, the account ID and the phone ID on the Connection page.",
  "ui.fix.CHATGURU_FIELD_NOT_CONFIGURED":
    "Create the custom field in ChatGuru (Settings → Custom Fields) with exactly that name, or take it out of the mapping.",
  "ui.fix.CHATGURU_DIALOG_UNKNOWN":
    "Copy the dialog's ID in ChatGuru (Chatbot → Dialogs) or take the dialog out of the mapping.",
  "ui.fix.CHATGURU_USER_UNKNOWN": "Copy the user's ID in ChatGuru (Users) or take it out of the mapping.",
  "ui.fix.CHATGURU_CHAT_NOT_FOUND": "That number has no conversation: use the upsert (or create) mode to create it.",
  "ui.fix.CONFIG_CONNECTION_MISSING": "Fill in the Connection page.",
  "ui.fix.STATE_LOCKED": "Another sending (here or in the terminal) uses the same history. Wait for it to finish.",
  "ui.fix.ACCOUNT_LOCKED":
    "Another sending to the same ChatGuru account and phone is in progress on this machine. Wait for it to finish.",
  "ui.fix.STATE_LOST":
    "This mapping's history (journal) was deleted or emptied. So that notes and messages are not repeated, the " +
    "sending did not start: restore the file, or start a new history from the terminal with --new-journal.",
  "ui.fix.MAPPING_RULES": "Adjust the columns' mapping.",
  "ui.fix.MAPPING_INVALID": "Adjust the columns' mapping.",
  "ui.fix.MAPPING_UNKNOWN_COLUMN": "Choose a column the spreadsheet has.",
  "ui.fix.INIT_NO_PHONE_COLUMN": "Choose which column holds the WhatsApp.",
} satisfies Record<string, Entry>;
