package langid_test

// shortParagraphs are short paragraphs and headlines (5 to 25 words)
// written for these tests, six per language, in the nine languages that
// matter most: the three supported ones and the six neighbours most
// easily confused with them. Many are about the corpus's subject (cloud,
// chips, deals), where company names and English loanwords make short
// text harder.
var shortParagraphs = []struct {
	lang, text string
}{
	// Italian
	{"it", "Il nuovo centro dati aprirà entro la fine del prossimo anno."},
	{"it", "Microsoft e Nvidia firmano un accordo pluriennale per i chip."},
	{"it", "Gli analisti si aspettano che la domanda di calcolo continui a crescere per almeno tre anni, nonostante i costi dell'energia."},
	{"it", "Secondo fonti vicine alla trattativa, l'offerta è stata respinta."},
	{"it", "La banca ha chiuso il trimestre con utili in forte calo."},
	{"it", "Nessuno sa ancora quanto costerà davvero addestrare il prossimo modello."},
	// Spanish
	{"es", "El nuevo centro de datos abrirá antes de que termine el año."},
	{"es", "Google y Meta negocian un contrato de chips por varios años."},
	{"es", "Los inversores temen que la burbuja de la inteligencia artificial estalle antes de que lleguen los beneficios prometidos."},
	{"es", "La empresa rechazó la oferta porque la consideraba demasiado baja."},
	{"es", "Ayer llovió tanto que cerraron las escuelas del barrio."},
	{"es", "¿Quién pagará la factura eléctrica de estos centros de cálculo?"},
	// English
	{"en", "The new data center will open before the end of the year."},
	{"en", "Oracle signs a multiyear chip supply agreement with a startup."},
	{"en", "Investors worry that spending on graphics processors is growing much faster than the revenue it is supposed to generate."},
	{"en", "People familiar with the talks said the offer had been turned down."},
	{"en", "It rained so hard yesterday that the schools closed early."},
	{"en", "Who will pay the electricity bill for all these new facilities?"},
	// French
	{"fr", "Le nouveau centre de données ouvrira avant la fin de l'année."},
	{"fr", "Amazon et Anthropic signent un accord pluriannuel sur les puces."},
	{"fr", "Les investisseurs craignent que les dépenses en processeurs graphiques augmentent plus vite que les revenus attendus."},
	{"fr", "Selon des sources proches du dossier, l'offre aurait été refusée."},
	{"fr", "Il a tellement plu hier que les écoles ont fermé plus tôt."},
	{"fr", "Qui paiera la facture d'électricité de toutes ces nouvelles installations ?"},
	// German
	{"de", "Das neue Rechenzentrum soll noch vor Jahresende eröffnet werden."},
	{"de", "Microsoft und OpenAI unterzeichnen einen mehrjährigen Vertrag über Chips."},
	{"de", "Anleger befürchten, dass die Ausgaben für Grafikprozessoren schneller wachsen als die Umsätze, die sie bringen sollen."},
	{"de", "Aus Verhandlungskreisen hieß es, das Angebot sei abgelehnt worden."},
	{"de", "Gestern hat es so stark geregnet, dass die Schulen früher schlossen."},
	{"de", "Wer bezahlt eigentlich die Stromrechnung für all diese neuen Anlagen?"},
	// Portuguese
	{"pt", "O novo centro de dados vai abrir antes do fim do ano."},
	{"pt", "A Amazon e a OpenAI assinam um acordo plurianual de chips."},
	{"pt", "Os investidores temem que os gastos com processadores gráficos cresçam mais depressa do que as receitas esperadas."},
	{"pt", "Segundo pessoas próximas das negociações, a proposta foi recusada."},
	{"pt", "Choveu tanto ontem que as escolas fecharam mais cedo."},
	{"pt", "Quem vai pagar a conta de luz de todas essas novas instalações?"},
	// Catalan
	{"ca", "El nou centre de dades obrirà abans que acabi l'any."},
	{"ca", "Google i Meta negocien un contracte de xips per a diversos anys."},
	{"ca", "Els inversors temen que la despesa en processadors gràfics creixi molt més de pressa que els ingressos previstos."},
	{"ca", "Segons fonts properes a la negociació, l'oferta va ser rebutjada."},
	{"ca", "Ahir va ploure tant que les escoles van tancar abans d'hora."},
	{"ca", "Qui pagarà la factura de la llum de totes aquestes instal·lacions noves?"},
	// Dutch
	{"nl", "Het nieuwe datacenter gaat nog voor het einde van het jaar open."},
	{"nl", "Nvidia en Oracle tekenen een meerjarig contract voor chips."},
	{"nl", "Beleggers vrezen dat de uitgaven aan grafische processors veel sneller groeien dan de inkomsten die ze moeten opleveren."},
	{"nl", "Volgens ingewijden is het bod afgewezen door het bestuur."},
	{"nl", "Het regende gisteren zo hard dat de scholen vroeger dichtgingen."},
	{"nl", "Wie betaalt eigenlijk de stroomrekening van al die nieuwe gebouwen?"},
	// Romanian
	{"ro", "Noul centru de date se va deschide înainte de sfârșitul anului."},
	{"ro", "Amazon și OpenAI semnează un acord pe mai mulți ani pentru cipuri."},
	{"ro", "Investitorii se tem că cheltuielile cu procesoarele grafice cresc mult mai repede decât veniturile așteptate."},
	{"ro", "Potrivit unor surse apropiate negocierilor, oferta a fost respinsă."},
	{"ro", "Ieri a plouat atât de tare încât școlile s-au închis mai devreme."},
	{"ro", "Cine va plăti factura de energie pentru toate aceste clădiri noi?"},
}
