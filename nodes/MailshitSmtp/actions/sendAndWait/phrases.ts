/**
 * Every fixed sentence the recipient reads (response pages, default button labels, the attribution
 * line), per page language. The node's own labels are the user's words; these are the words around
 * them, so a German approval mail does not land on an English page. Pure: no n8n imports.
 */
export const PAGE_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'] as const;

export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

export interface Phrases {
	/** Names the language in itself, for the node's option list. */
	languageName: string;
	approve: string;
	decline: string;
	respond: string;
	submit: string;
	/** The one field of a Free Text response. */
	response: string;
	/** Title of the response form when the node sets none. */
	formTitle: string;
	recordedTitle: string;
	/** "{label}" is the button the recipient chose. */
	youChose: string;
	canClose: string;
	thanksTitle: string;
	thanksText: string;
	confirmTitle: string;
	confirmText: string;
	expiredTitle: string;
	/** "{date}" is the end of the wait, formatted for the language. */
	expiredText: string;
	invalidTitle: string;
	invalidText: string;
	unavailableTitle: string;
	unavailableText: string;
	required: string;
	requiredMark: string;
	invalidEmail: string;
	invalidNumber: string;
	invalidDate: string;
	invalidChoice: string;
	/** The empty first entry of a dropdown. */
	choose: string;
	formErrors: string;
	attribution: string;
}

const PHRASES: Readonly<Record<PageLanguage, Phrases>> = {
	en: {
		languageName: 'English',
		approve: 'Approve',
		decline: 'Decline',
		respond: 'Respond',
		submit: 'Submit',
		response: 'Response',
		formTitle: 'Your answer',
		recordedTitle: 'Answer recorded',
		youChose: 'You chose: {label}.',
		canClose: 'You can close this page.',
		thanksTitle: 'Thank you',
		thanksText: 'Your answer was recorded.',
		confirmTitle: 'Confirm your answer',
		confirmText: 'Press the button to send your answer.',
		expiredTitle: 'This request has expired',
		expiredText: 'The time to answer ended on {date}. Your answer was not recorded.',
		invalidTitle: 'This link is not valid',
		invalidText: 'Open the link exactly as it appears in the email.',
		unavailableTitle: 'This request cannot be answered here',
		unavailableText: 'Something went wrong on our side. Please let the sender know.',
		required: 'Please fill in this field.',
		requiredMark: '(required)',
		invalidEmail: 'Enter a valid email address.',
		invalidNumber: 'Enter a number.',
		invalidDate: 'Enter a date.',
		invalidChoice: 'Choose one of the options.',
		choose: 'Choose…',
		formErrors: 'Please correct the marked fields.',
		attribution: 'This message was sent automatically with n8n',
	},
	de: {
		languageName: 'Deutsch',
		approve: 'Genehmigen',
		decline: 'Ablehnen',
		respond: 'Antworten',
		submit: 'Absenden',
		response: 'Antwort',
		formTitle: 'Ihre Antwort',
		recordedTitle: 'Antwort gespeichert',
		youChose: 'Ihre Wahl: {label}.',
		canClose: 'Sie können diese Seite jetzt schließen.',
		thanksTitle: 'Vielen Dank',
		thanksText: 'Ihre Antwort wurde gespeichert.',
		confirmTitle: 'Antwort bestätigen',
		confirmText: 'Klicken Sie auf die Schaltfläche, um Ihre Antwort zu senden.',
		expiredTitle: 'Diese Anfrage ist abgelaufen',
		expiredText: 'Die Frist zum Antworten endete am {date}. Ihre Antwort wurde nicht gespeichert.',
		invalidTitle: 'Dieser Link ist ungültig',
		invalidText: 'Öffnen Sie den Link genau so, wie er in der E-Mail steht.',
		unavailableTitle: 'Diese Anfrage kann hier nicht beantwortet werden',
		unavailableText: 'Bei uns ist etwas schiefgelaufen. Bitte informieren Sie den Absender.',
		required: 'Bitte füllen Sie dieses Feld aus.',
		requiredMark: '(Pflichtfeld)',
		invalidEmail: 'Geben Sie eine gültige E-Mail-Adresse ein.',
		invalidNumber: 'Geben Sie eine Zahl ein.',
		invalidDate: 'Geben Sie ein Datum ein.',
		invalidChoice: 'Wählen Sie eine der Optionen.',
		choose: 'Bitte wählen…',
		formErrors: 'Bitte korrigieren Sie die markierten Felder.',
		attribution: 'Diese Nachricht wurde automatisch mit n8n gesendet',
	},
	fr: {
		languageName: 'Français',
		approve: 'Approuver',
		decline: 'Refuser',
		respond: 'Répondre',
		submit: 'Envoyer',
		response: 'Réponse',
		formTitle: 'Votre réponse',
		recordedTitle: 'Réponse enregistrée',
		youChose: 'Votre choix : {label}.',
		canClose: 'Vous pouvez fermer cette page.',
		thanksTitle: 'Merci',
		thanksText: 'Votre réponse a été enregistrée.',
		confirmTitle: 'Confirmez votre réponse',
		confirmText: 'Cliquez sur le bouton pour envoyer votre réponse.',
		expiredTitle: 'Cette demande a expiré',
		expiredText: 'Le délai de réponse a pris fin le {date}. Votre réponse n’a pas été enregistrée.',
		invalidTitle: 'Ce lien n’est pas valide',
		invalidText: 'Ouvrez le lien tel qu’il figure dans l’e-mail.',
		unavailableTitle: 'Impossible de répondre à cette demande ici',
		unavailableText: 'Un problème est survenu de notre côté. Merci de prévenir l’expéditeur.',
		required: 'Veuillez remplir ce champ.',
		requiredMark: '(obligatoire)',
		invalidEmail: 'Saisissez une adresse e-mail valide.',
		invalidNumber: 'Saisissez un nombre.',
		invalidDate: 'Saisissez une date.',
		invalidChoice: 'Choisissez l’une des options.',
		choose: 'Choisir…',
		formErrors: 'Veuillez corriger les champs signalés.',
		attribution: 'Ce message a été envoyé automatiquement avec n8n',
	},
	es: {
		languageName: 'Español',
		approve: 'Aprobar',
		decline: 'Rechazar',
		respond: 'Responder',
		submit: 'Enviar',
		response: 'Respuesta',
		formTitle: 'Su respuesta',
		recordedTitle: 'Respuesta registrada',
		youChose: 'Su elección: {label}.',
		canClose: 'Puede cerrar esta página.',
		thanksTitle: 'Gracias',
		thanksText: 'Su respuesta ha sido registrada.',
		confirmTitle: 'Confirme su respuesta',
		confirmText: 'Pulse el botón para enviar su respuesta.',
		expiredTitle: 'Esta solicitud ha caducado',
		expiredText: 'El plazo para responder terminó el {date}. Su respuesta no se ha registrado.',
		invalidTitle: 'Este enlace no es válido',
		invalidText: 'Abra el enlace tal como aparece en el correo.',
		unavailableTitle: 'Esta solicitud no se puede responder aquí',
		unavailableText: 'Algo ha fallado por nuestra parte. Avise al remitente, por favor.',
		required: 'Rellene este campo.',
		requiredMark: '(obligatorio)',
		invalidEmail: 'Introduzca una dirección de correo válida.',
		invalidNumber: 'Introduzca un número.',
		invalidDate: 'Introduzca una fecha.',
		invalidChoice: 'Elija una de las opciones.',
		choose: 'Elegir…',
		formErrors: 'Corrija los campos marcados.',
		attribution: 'Este mensaje se envió automáticamente con n8n',
	},
	it: {
		languageName: 'Italiano',
		approve: 'Approva',
		decline: 'Rifiuta',
		respond: 'Rispondi',
		submit: 'Invia',
		response: 'Risposta',
		formTitle: 'La tua risposta',
		recordedTitle: 'Risposta registrata',
		youChose: 'La tua scelta: {label}.',
		canClose: 'Puoi chiudere questa pagina.',
		thanksTitle: 'Grazie',
		thanksText: 'La tua risposta è stata registrata.',
		confirmTitle: 'Conferma la tua risposta',
		confirmText: 'Premi il pulsante per inviare la tua risposta.',
		expiredTitle: 'Questa richiesta è scaduta',
		expiredText: 'Il tempo per rispondere è terminato il {date}. La tua risposta non è stata registrata.',
		invalidTitle: 'Questo link non è valido',
		invalidText: 'Apri il link esattamente come appare nell’email.',
		unavailableTitle: 'Non è possibile rispondere a questa richiesta qui',
		unavailableText: 'Qualcosa è andato storto da parte nostra. Avvisa il mittente, per favore.',
		required: 'Compila questo campo.',
		requiredMark: '(obbligatorio)',
		invalidEmail: 'Inserisci un indirizzo email valido.',
		invalidNumber: 'Inserisci un numero.',
		invalidDate: 'Inserisci una data.',
		invalidChoice: 'Scegli una delle opzioni.',
		choose: 'Scegli…',
		formErrors: 'Correggi i campi evidenziati.',
		attribution: 'Questo messaggio è stato inviato automaticamente con n8n',
	},
	nl: {
		languageName: 'Nederlands',
		approve: 'Goedkeuren',
		decline: 'Afwijzen',
		respond: 'Antwoorden',
		submit: 'Versturen',
		response: 'Antwoord',
		formTitle: 'Uw antwoord',
		recordedTitle: 'Antwoord opgeslagen',
		youChose: 'Uw keuze: {label}.',
		canClose: 'U kunt deze pagina sluiten.',
		thanksTitle: 'Bedankt',
		thanksText: 'Uw antwoord is opgeslagen.',
		confirmTitle: 'Bevestig uw antwoord',
		confirmText: 'Klik op de knop om uw antwoord te versturen.',
		expiredTitle: 'Dit verzoek is verlopen',
		expiredText: 'De tijd om te antwoorden eindigde op {date}. Uw antwoord is niet opgeslagen.',
		invalidTitle: 'Deze link is ongeldig',
		invalidText: 'Open de link precies zoals hij in de e-mail staat.',
		unavailableTitle: 'Dit verzoek kan hier niet worden beantwoord',
		unavailableText: 'Er ging aan onze kant iets mis. Laat het de afzender weten.',
		required: 'Vul dit veld in.',
		requiredMark: '(verplicht)',
		invalidEmail: 'Voer een geldig e-mailadres in.',
		invalidNumber: 'Voer een getal in.',
		invalidDate: 'Voer een datum in.',
		invalidChoice: 'Kies een van de opties.',
		choose: 'Kies…',
		formErrors: 'Corrigeer de gemarkeerde velden.',
		attribution: 'Dit bericht is automatisch verzonden met n8n',
	},
	pt: {
		languageName: 'Português',
		approve: 'Aprovar',
		decline: 'Recusar',
		respond: 'Responder',
		submit: 'Enviar',
		response: 'Resposta',
		formTitle: 'Sua resposta',
		recordedTitle: 'Resposta recebida',
		youChose: 'Sua escolha: {label}.',
		canClose: 'Você pode fechar esta página.',
		thanksTitle: 'Obrigado',
		thanksText: 'Sua resposta foi recebida.',
		confirmTitle: 'Confirme sua resposta',
		confirmText: 'Clique no botão para enviar sua resposta.',
		expiredTitle: 'Esta solicitação expirou',
		expiredText: 'O prazo para responder terminou em {date}. Sua resposta não foi recebida.',
		invalidTitle: 'Este link não é válido',
		invalidText: 'Abra o link exatamente como aparece no e-mail.',
		unavailableTitle: 'Esta solicitação não pode ser respondida aqui',
		unavailableText: 'Algo deu errado do nosso lado. Avise o remetente, por favor.',
		required: 'Preencha este campo.',
		requiredMark: '(obrigatório)',
		invalidEmail: 'Digite um endereço de e-mail válido.',
		invalidNumber: 'Digite um número.',
		invalidDate: 'Digite uma data.',
		invalidChoice: 'Escolha uma das opções.',
		choose: 'Escolha…',
		formErrors: 'Corrija os campos destacados.',
		attribution: 'Esta mensagem foi enviada automaticamente com n8n',
	},
};

export function isPageLanguage(value: unknown): value is PageLanguage {
	return typeof value === 'string' && (PAGE_LANGUAGES as readonly string[]).includes(value);
}

export function phrasesFor(language: PageLanguage): Phrases {
	return PHRASES[language];
}

/** A phrase with its {placeholders} filled (values are inserted as given; escape them for HTML first). */
export function fillPhrase(phrase: string, values: Record<string, string>): string {
	return phrase.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
