"""What demo students, mentors and guardians write: experiences, answers, dreams, agreements.

Written as students of 12 to 17 would write them: short, concrete, sometimes a little clumsy. The texts are
data, not interface, so they are Dutch only and not translated.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.lob.vocabulary import ExperienceKind as K
from koers.lob.vocabulary import Feeling as F


@dataclass(frozen=True)
class ExperienceIdea:
    kind: str
    title: str
    place: str  # "{workplace}" is replaced by a fictional company
    what_i_did: str
    went_well: str
    learned: str
    feelings: tuple[str, ...]
    qualities: tuple[str, ...]
    motives: tuple[str, ...]
    scene: str  # which picture the photo generator draws


# Fields in order: kind, title, place, what I did, what went well, what I found out about myself, feelings
# to pick from, qualities and motives it shows (catalogue keys), and the scene of its photo.
EXPERIENCES = (
    ExperienceIdea(
        K.INTERNSHIP,
        "Snuffelstage bij de garage",
        "{workplace}",
        "Ik heb twee dagen meegelopen met een monteur. Ik mocht banden wisselen en olie verversen.",
        "Ik was elke dag op tijd en ik durfde vragen te stellen.",
        "Ik vind het fijn om met mijn handen te werken en iets te repareren.",
        (F.PROUD, F.HAPPY),
        ("handy", "punctual", "curious"),
        ("working-with-hands", "technology"),
        "workshop",
    ),
    ExperienceIdea(
        K.INTERNSHIP,
        "Meeloopdag in het zorgcentrum",
        "Zorgcentrum De Linde",
        "Ik hielp bij het koffierondje en deed een spelletje met een mevrouw van 88.",
        "Ze moest lachen om mijn grapjes. De begeleider zei dat ik rustig bleef.",
        "Ik praat makkelijker met oudere mensen dan ik dacht.",
        (F.HAPPY, F.SURPRISED),
        ("caring", "patient", "friendly"),
        ("helping-people", "care"),
        "building",
    ),
    ExperienceIdea(
        K.INTERNSHIP,
        "Stage op de basisschool",
        "Basisschool De Regenboog",
        "Ik las voor in groep 3 en hielp kinderen met rekenen in kleine groepjes.",
        "Een jongen snapte de sommen ineens door mijn uitleg.",
        "Uitleggen aan kinderen gaat me goed af. Het is wel druk in een klas.",
        (F.PROUD,),
        ("good-explainer", "patient", "good-with-children"),
        ("children", "helping-people"),
        "classroom",
    ),
    ExperienceIdea(
        K.INTERNSHIP,
        "Een dag bij de hovenier",
        "Hovenier Groenrijk",
        "We hebben een tuin opnieuw aangelegd. Ik heb tegels gelegd en planten gezet.",
        "Ik hield het de hele dag vol, ook toen het ging regenen.",
        "Buiten werken vind ik veel fijner dan de hele dag binnen zitten.",
        (F.HAPPY, F.PROUD),
        ("strong", "persistent", "hard-working"),
        ("working-outdoors", "nature"),
        "garden",
    ),
    ExperienceIdea(
        K.INTERNSHIP,
        "Stage bij de dierenkliniek",
        "Dierenkliniek Poot & Staart",
        "Ik maakte de hokken schoon en hielp de assistent met het wegen van een hond.",
        "De hond bleef rustig bij mij. Ik werkte netjes.",
        "Ik wil met dieren werken, maar bloed zien vond ik moeilijk.",
        (F.HAPPY, F.SCARED),
        ("calm", "tidy", "caring"),
        ("animals", "care"),
        "building",
    ),
    ExperienceIdea(
        K.INTERNSHIP,
        "Meelopen in de keuken",
        "Restaurant Het Veerhuis",
        "Ik sneed groenten, maakte een salade en hielp bij het afwassen toen het druk werd.",
        "De chef zei dat mijn salade er mooi uitzag.",
        "Ik kan goed doorwerken als het druk is. Koken is echt iets voor mij.",
        (F.PROUD, F.HAPPY),
        ("stress-resistant", "precise", "creative"),
        ("food", "working-together"),
        "kitchen",
    ),
    ExperienceIdea(
        K.SIDE_JOB,
        "Vakkenvullen in de supermarkt",
        "Supermarkt De Hoek",
        "Ik vul elke zaterdag vakken en help klanten die iets niet kunnen vinden.",
        "Ik weet nu waar alles ligt. Klanten vragen mij vaak om hulp.",
        "Ik verdien graag mijn eigen geld en ik help graag mensen.",
        (F.HAPPY, F.BORED),
        ("reliable", "helpful", "organised"),
        ("earning-well", "customers"),
        "shop",
    ),
    ExperienceIdea(
        K.SIDE_JOB,
        "Krantenwijk",
        "mijn buurt",
        "Twee keer per week bezorg ik folders in mijn wijk, ook als het regent.",
        "Ik ben nog nooit een dag overgeslagen.",
        "Ik ben betrouwbaar en ik plan mijn tijd goed.",
        (F.PROUD, F.BORED),
        ("reliable", "planner", "persistent"),
        ("working-alone", "being-active"),
        "street",
    ),
    ExperienceIdea(
        K.SIDE_JOB,
        "Afwassen bij het hotel",
        "Hotel De Zeemeeuw",
        "Ik werk in de spoelkeuken op vrijdagavond. Soms help ik met het klaarzetten van de zaal.",
        "Ik werk snel en de kok vertrouwt mij.",
        "In een team werken vind ik leuk, ook als het werk zelf niet spannend is.",
        (F.HAPPY,),
        ("hard-working", "team-player"),
        ("nice-colleagues", "earning-well"),
        "kitchen",
    ),
    ExperienceIdea(
        K.HOLIDAY_JOB,
        "Vakantiewerk in het distributiecentrum",
        "Distributiecentrum Oost",
        "In de zomer heb ik drie weken pakketten gescand en orders klaargezet.",
        "Ik maakte bijna geen fouten met scannen.",
        "Ik vind structuur fijn, maar elke dag hetzelfde werk vind ik saai.",
        (F.BORED, F.PROUD),
        ("precise", "hard-working"),
        ("clear-tasks", "earning-well"),
        "warehouse",
    ),
    ExperienceIdea(
        K.HOLIDAY_JOB,
        "Helpen op de camping",
        "Camping Het Zonnige Bos",
        "Ik hielp bij de receptie en deed activiteiten met kinderen.",
        "Ik sprak Engels en Duits met de gasten.",
        "Ik praat graag met mensen uit andere landen. Mijn talen zijn handig.",
        (F.HAPPY, F.SURPRISED),
        ("multilingual", "sociable", "good-with-children"),
        ("using-languages", "travel"),
        "garden",
    ),
    ExperienceIdea(
        K.SPORT,
        "Voetbalwedstrijd als aanvoerder",
        "sportpark",
        "Ik was aanvoerder van mijn team. Ik moedigde iedereen aan en maakte de opstelling met de trainer.",
        "We wonnen met 3-2 en niemand gaf op.",
        "Ik neem graag de leiding en ik kan een team motiveren.",
        (F.PROUD, F.HAPPY),
        ("leader", "team-player", "persistent"),
        ("being-active", "working-together"),
        "field",
    ),
    ExperienceIdea(
        K.SPORT,
        "Zwemdiploma gehaald",
        "zwembad",
        "Ik heb elke week geoefend en eindelijk mijn diploma gehaald.",
        "Ik bleef oefenen, ook toen het niet lukte.",
        "Als ik iets echt wil, zet ik door.",
        (F.PROUD,),
        ("persistent", "brave"),
        ("being-active",),
        "pool",
    ),
    ExperienceIdea(
        K.SPORT,
        "Training geven aan de jeugd",
        "sporthal",
        "Ik help op woensdag bij de training van de kinderen van acht jaar.",
        "De kinderen luisteren naar mij en hebben plezier.",
        "Ik vind het leuk om kinderen iets te leren.",
        (F.HAPPY, F.PROUD),
        ("good-explainer", "good-with-children", "leader"),
        ("children", "being-active"),
        "field",
    ),
    ExperienceIdea(
        K.HOBBY,
        "Zelf een filmpje gemaakt",
        "thuis",
        "Ik heb een filmpje over mijn buurt gemaakt en zelf gemonteerd op mijn telefoon.",
        "Het filmpje werd in de klas gedeeld en mensen vonden het goed.",
        "Ik ben creatief en goed met apps.",
        (F.PROUD, F.HAPPY),
        ("creative", "digital"),
        ("making-things", "computers"),
        "studio",
    ),
    ExperienceIdea(
        K.HOBBY,
        "Brommer gerepareerd met mijn oom",
        "de schuur van mijn oom",
        "De brommer van mijn oom startte niet. Samen hebben we de bougie en de carburateur schoongemaakt.",
        "Ik vond zelf wat er kapot was.",
        "Ik wil weten hoe dingen werken. Repareren geeft mij energie.",
        (F.PROUD, F.HAPPY),
        ("problem-solver", "handy", "curious"),
        ("technology", "working-with-hands"),
        "workshop",
    ),
    ExperienceIdea(
        K.HOBBY,
        "Taarten bakken",
        "thuis",
        "Voor het verjaardagsfeest van mijn zus heb ik een taart met drie lagen gebakken.",
        "Iedereen wilde het recept hebben.",
        "Ik werk precies als ik bak. Dat kan ik ook bij ander werk gebruiken.",
        (F.HAPPY, F.PROUD),
        ("precise", "creative"),
        ("food", "making-things"),
        "kitchen",
    ),
    ExperienceIdea(
        K.HOBBY,
        "Muziek maken in een bandje",
        "jongerencentrum",
        "Ik speel gitaar in een band. We oefenen elke week en speelden op een buurtfeest.",
        "Ik was zenuwachtig, maar ik speelde zonder fouten.",
        "Optreden is spannend, maar ik vind het geweldig.",
        (F.SCARED, F.PROUD),
        ("musical", "brave", "team-player"),
        ("action", "making-things"),
        "stage",
    ),
    ExperienceIdea(
        K.VOLUNTEERING,
        "Helpen bij de voedselbank",
        "voedselbank",
        "Met mijn moeder pakte ik voedselpakketten in en deelde ze uit.",
        "Ik werkte snel en was vriendelijk tegen de mensen.",
        "Iets doen voor een ander geeft mij een goed gevoel.",
        (F.HAPPY, F.SAD),
        ("helpful", "friendly", "organised"),
        ("helping-people", "making-a-difference"),
        "warehouse",
    ),
    ExperienceIdea(
        K.VOLUNTEERING,
        "Tolk voor een nieuwe klasgenoot",
        "school",
        "Een nieuwe leerling sprak nog geen Nederlands. Ik heb de eerste weken voor haar vertaald.",
        "Ze voelde zich sneller thuis in de klas.",
        "Mijn talen kunnen anderen echt helpen.",
        (F.PROUD, F.HAPPY),
        ("multilingual", "helpful", "empathetic"),
        ("using-languages", "helping-people"),
        "classroom",
    ),
    ExperienceIdea(
        K.VOLUNTEERING,
        "Zwerfafval prikken in het park",
        "stadspark",
        "Met de klas hebben we een ochtend afval opgeruimd in het park.",
        "We hadden samen twaalf zakken vol.",
        "Ik vind het belangrijk dat onze omgeving schoon is.",
        (F.HAPPY, F.SURPRISED),
        ("team-player", "responsible"),
        ("nature", "working-outdoors"),
        "garden",
    ),
    ExperienceIdea(
        K.LOB_ACTIVITY,
        "Bedrijfsbezoek bij het bouwbedrijf",
        "Bouwbedrijf Stevens",
        "We kregen een rondleiding op een bouwplaats en mochten met een meetlaser werken.",
        "Ik stelde veel vragen aan de uitvoerder.",
        "Bouwen lijkt me leuk, maar ik wil meer weten over de opleiding.",
        (F.SURPRISED, F.HAPPY),
        ("curious", "precise"),
        ("building", "working-outdoors"),
        "construction",
    ),
    ExperienceIdea(
        K.LOB_ACTIVITY,
        "Open dag van het mbo",
        "mbo-college",
        "Ik ging met mijn vader naar de open dag en bekeek de opleidingen techniek en zorg.",
        "Ik durfde zelf vragen te stellen aan een student.",
        "Ik twijfel nog tussen twee opleidingen. Ik wil een keer meelopen.",
        (F.SURPRISED, F.SCARED),
        ("curious", "brave"),
        ("learning-new-things",),
        "building",
    ),
    ExperienceIdea(
        K.LOB_ACTIVITY,
        "Gastles van een verpleegkundige",
        "school",
        "Een verpleegkundige vertelde over haar werk in het ziekenhuis en over nachtdiensten.",
        "Ik vroeg hoe zij omgaat met verdrietige dingen.",
        "Zorg trekt mij, maar ik wil niet 's nachts werken.",
        (F.SURPRISED,),
        ("curious", "good-listener"),
        ("care", "helping-people"),
        "classroom",
    ),
    ExperienceIdea(
        K.LOB_ACTIVITY,
        "Beroepenmarkt",
        "sporthal",
        "Op de beroepenmarkt sprak ik met een politieagent, een kapper en een ICT'er.",
        "Ik had vooraf vragen bedacht en ze ook echt gesteld.",
        "Er zijn veel meer beroepen dan ik dacht.",
        (F.SURPRISED, F.HAPPY),
        ("curious", "sociable"),
        ("variety", "learning-new-things"),
        "market",
    ),
    ExperienceIdea(
        K.LOB_ACTIVITY,
        "Sollicitatietraining",
        "school",
        "We oefenden een sollicitatiegesprek. Ik was eerst de werkgever en daarna de sollicitant.",
        "Ik keek de ander aan en gaf een stevige hand.",
        "Ik ben zekerder van mezelf dan ik dacht.",
        (F.SCARED, F.PROUD),
        ("self-confident", "good-with-words"),
        ("appreciation",),
        "classroom",
    ),
    ExperienceIdea(
        K.SCHOOL_SUBJECT,
        "Praktijkvak: een kastje gemaakt",
        "technieklokaal",
        "Bij het praktijkvak heb ik een kastje gemaakt met een deurtje dat echt dichtgaat.",
        "Mijn metingen klopten tot op de millimeter.",
        "Ik werk graag precies en ik zie graag wat ik gemaakt heb.",
        (F.PROUD,),
        ("precise", "handy", "patient"),
        ("making-things", "working-with-hands"),
        "workshop",
    ),
    ExperienceIdea(
        K.SCHOOL_SUBJECT,
        "Presentatie bij Nederlands",
        "school",
        "Ik hield een presentatie over mijn land van herkomst, met foto's en muziek.",
        "De klas luisterde en stelde veel vragen.",
        "Ik kan goed vertellen als het over iets gaat wat ik belangrijk vind.",
        (F.SCARED, F.PROUD),
        ("good-with-words", "brave"),
        ("appreciation", "using-languages"),
        "classroom",
    ),
    ExperienceIdea(
        K.SCHOOL_SUBJECT,
        "Economie: eigen schoolwinkel",
        "school",
        "Met een groepje verkochten we zelfgemaakte tassen. Ik hield de kas bij.",
        "We maakten 48 euro winst en mijn telling klopte.",
        "Ik ben goed met geld en ik vind ondernemen spannend.",
        (F.HAPPY, F.PROUD),
        ("good-with-numbers", "enterprising", "organised"),
        ("own-boss", "customers"),
        "shop",
    ),
    ExperienceIdea(
        K.PROJECT,
        "Project: de school van de toekomst",
        "school",
        "In een groepje ontwierpen we een nieuw schoolplein. Ik maakte de tekening op de computer.",
        "Ons ontwerp werd gekozen om aan de directeur te laten zien.",
        "Ontwerpen en tekenen vind ik leuk. Samenwerken ging soms lastig.",
        (F.PROUD, F.ANGRY),
        ("creative", "digital"),
        ("making-things", "computers"),
        "studio",
    ),
    ExperienceIdea(
        K.PROJECT,
        "Techniekwedstrijd: een brug van spaghetti",
        "school",
        "We bouwden met de klas een brug van spaghetti en lijm die zo veel mogelijk gewicht moest dragen.",
        "Onze brug hield drie kilo. Ik had het idee voor de driehoeken.",
        "Ik bedenk graag oplossingen voor een probleem.",
        (F.HAPPY, F.SURPRISED),
        ("problem-solver", "creative", "team-player"),
        ("technology", "building"),
        "construction",
    ),
    ExperienceIdea(
        K.OTHER,
        "Op mijn broertje en zusje passen",
        "thuis",
        "Na school zorg ik vaak voor mijn broertje en zusje tot mijn moeder thuiskomt.",
        "Ze doen hun huiswerk en ik kook soms.",
        "Ik kan veel verantwoordelijkheid aan.",
        (F.PROUD, F.BORED),
        ("responsible", "caring", "planner"),
        ("children", "helping-people"),
        "home",
    ),
    ExperienceIdea(
        K.OTHER,
        "Helpen in de winkel van mijn familie",
        "de winkel van mijn oom",
        "In het weekend sta ik achter de kassa in de winkel van mijn oom en help ik met bestellen.",
        "Ik ken de vaste klanten en ik reken snel uit.",
        "Een eigen zaak lijkt me wel wat, maar het is hard werken.",
        (F.HAPPY,),
        ("good-with-numbers", "friendly", "hard-working"),
        ("own-boss", "customers"),
        "shop",
    ),
    ExperienceIdea(
        K.OTHER,
        "Verhuisd naar Nederland",
        "Nederland",
        "Ik kwam met mijn familie naar Nederland. Alles was nieuw: de taal, de school, het weer.",
        "Ik heb al veel Nederlandse woorden geleerd en ik heb nieuwe vrienden.",
        "Ik kan me aanpassen en ik geef niet op.",
        (F.SCARED, F.SAD, F.PROUD),
        ("flexible", "brave", "persistent"),
        ("learning-new-things", "security"),
        "home",
    ),
)

# Short and simple versions of what a student who is still learning Dutch writes (ISK).
SIMPLE_WHAT_I_DID = (
    "Ik heb geholpen.",
    "Ik heb gewerkt met mijn handen.",
    "Ik heb gekeken en vragen gesteld.",
    "Ik heb met mensen gepraat.",
    "Ik heb iets gemaakt.",
    "Ik heb samen met mijn klas gewerkt.",
)

SIMPLE_LEARNED = (
    "Ik vind dit leuk.",
    "Ik kan dit goed.",
    "Dit was moeilijk, maar het lukte.",
    "Ik wil dit nog een keer doen.",
    "Ik wil meer leren.",
)

# Student answers per reflection prompt key; general enough to fit any experience.
ANSWERS = {
    "good-at": (
        "Ik bleef rustig toen het druk werd.",
        "Ik kon goed uitleggen wat ik deed.",
        "Ik werkte netjes en precies.",
        "Ik durfde hulp te vragen als ik iets niet wist.",
    ),
    "hard-part": (
        "Het begin was lastig, ik kende niemand. Ik ben gewoon gaan vragen wat ik kon doen.",
        "Lang stilstaan vond ik zwaar. Ik heb gevraagd of ik even mocht wisselen van taak.",
        "De woorden waren moeilijk. Ik schreef ze op en zocht ze thuis op.",
    ),
    "heard-from-others": (
        "Mijn begeleider zei dat ik snel leer.",
        "Een klant bedankte mij omdat ik zo vriendelijk was.",
        "Mijn mentor zei dat ik goed had doorgezet.",
        "Niemand zei iets, maar ik voelde zelf dat het goed ging.",
    ),
    "also-elsewhere": (
        "Ja, thuis help ik ook altijd als er iets kapot is.",
        "Bij voetbal ben ik ook degene die iedereen aanmoedigt.",
        "Ik denk het wel, mijn oma zegt dat ook.",
    ),
    "liked": (
        "Ik vond het leuk dat ik echt mocht meehelpen. Het opruimen vond ik minder.",
        "Leuk was het contact met de mensen. Niet leuk was het lange wachten.",
        "Ik vond alles leuk, behalve vroeg opstaan.",
    ),
    "felt-important": (
        "Dat je iets doet waar een ander blij van wordt.",
        "Dat je aan het eind van de dag ziet wat je gemaakt hebt.",
        "Dat de collega's elkaar helpen.",
    ),
    "do-again": (
        "Ja, want ik leerde veel en de mensen waren aardig.",
        "Misschien, maar dan liever op een andere afdeling.",
        "Nee, het werk past niet bij mij, maar ik ben blij dat ik het weet.",
    ),
    "energy": (
        "Toen ik zelf iets mocht doen zonder hulp.",
        "Aan het eind, toen alles af was.",
        "Toen ik met de klanten praatte.",
    ),
    "work-seen": (
        "Ik zag monteurs, een receptionist en een chef. Iedereen had een eigen taak.",
        "De mensen werkten in een team en overlegden veel.",
        "Ze deden veel verschillende dingen op een dag: bellen, maken, opruimen.",
    ),
    "what-is-needed": (
        "Je moet precies werken en goed luisteren.",
        "Je moet tegen drukte kunnen en vriendelijk blijven.",
        "Je hebt een diploma nodig en je moet goed kunnen samenwerken.",
    ),
    "workplace-feel": (
        "Gezellig, ze maakten grapjes maar werkten ook hard.",
        "Rustig. Iedereen deed zijn eigen werk.",
        "Het was druk en soms werd er geschreeuwd, dat vond ik niet fijn.",
    ),
    "fits-me": (
        "Ik ben handig en ik houd van aanpakken, dat past hier goed bij.",
        "Ik ben geduldig, dat heb je hier echt nodig.",
        "Ik weet het nog niet zeker, ik wil nog een keer kijken.",
    ),
    "next-step": (
        "Ik wil een keer meelopen op een mbo-opleiding die hierbij past.",
        "Ik ga een bijbaantje zoeken in deze richting.",
        "Ik ga met mijn mentor praten over mijn profielkeuze.",
    ),
    "closer-to-dream": (
        "Ja, ik weet nu beter wat ik wil.",
        "Een beetje. Ik weet nu wat ik niet wil, dat helpt ook.",
        "Ja, want ik heb iemand leren kennen die mij kan helpen.",
    ),
    "choice-help": (
        "Ja, bij het kiezen van mijn profiel volgend jaar.",
        "Ja, ik weet nu welke stage ik wil.",
        "Nog niet echt, ik moet eerst meer zien.",
    ),
    "still-need": (
        "Ik wil weten hoe lang de opleiding duurt en wat je gaat verdienen.",
        "Ik wil nog een keer ergens anders kijken om te vergelijken.",
        "Meer informatie over stages in de buurt.",
    ),
    "who-helps": (
        "Mijn oom werkt in de techniek, hem kan ik vragen.",
        "Mijn stagebegeleider zei dat ik altijd mocht bellen.",
        "De decaan op school.",
    ),
    "met-someone": (
        "Ja, de eigenaar van het bedrijf. Hij zei dat ik terug mocht komen.",
        "Een student van het mbo die hetzelfde wilde als ik.",
        "Nee, nog niet.",
    ),
    "how-to-ask": (
        "Ik stuur een mailtje en vraag of ik nog een dag mag meelopen.",
        "Ik vraag het na de training, dan heeft hij tijd.",
        "Ik oefen eerst met mijn mentor wat ik ga zeggen.",
    ),
    "what-others-think": (
        "Mijn ouders willen dat ik dokter word. Ik denk zelf meer aan iets met techniek.",
        "Mijn vrienden denken dat ik goed met kinderen ben. Dat denk ik ook.",
        "Mijn moeder zegt dat ik alles kan worden wat ik wil.",
    ),
    "not-for-you": (
        "Iemand zei dat techniek niks is voor meisjes. Ik vind dat onzin, ik ben er goed in.",
        "Nee, dat heb ik nog niet gehoord.",
        "Een jongen lachte omdat ik de zorg in wil. Ik laat me niet tegenhouden.",
    ),
    "pressure": (
        "Een beetje, mijn vader wil dat ik havo doe. We gaan er samen over praten.",
        "Nee, ik mag zelf kiezen.",
        "Mijn vrienden kiezen allemaal hetzelfde. Ik twijfel of ik dat ook moet doen.",
    ),
    "obstacles": (
        "De opleiding is ver weg en een ov-abonnement is duur. Ik vraag de decaan wat er kan.",
        "Mijn Nederlands is nog niet goed genoeg. Ik oefen elke dag.",
        "Nee, ik zie geen problemen.",
    ),
}

# Compliments per quality key: what a mentor, teacher or guardian noticed.
COMPLIMENTS = {
    "helpful": "Je hielp een klasgenoot zonder dat iemand het vroeg. Dat zag ik!",
    "persistent": "Je bleef het proberen tot het lukte. Knap gedaan.",
    "precise": "Wat heb je dit netjes en precies gedaan.",
    "creative": "Wat een goed idee had je bij het project.",
    "team-player": "Door jou ging het samenwerken in je groepje veel beter.",
    "good-listener": "Je luisterde echt naar wat je klasgenoot vertelde.",
    "punctual": "Deze periode elke dag op tijd, ook bij je stage. Top.",
    "brave": "Je durfde voor de hele klas te spreken. Dat was moedig.",
    "caring": "Je zorgde goed voor de kleintjes tijdens de sportdag.",
    "problem-solver": "Jij vond de oplossing toen niemand meer wist hoe het moest.",
    "friendly": "De mensen op je stageplek vertelden hoe vriendelijk je was.",
    "hard-working": "Je hebt deze week echt hard gewerkt.",
    "calm": "Je bleef rustig toen het misging. Daardoor kwam het goed.",
    "leader": "Je nam de leiding in je groepje en iedereen deed mee.",
    "multilingual": "Fijn dat je vertaalde voor de nieuwe leerling.",
    "good-explainer": "Je legde de opdracht zo duidelijk uit dat iedereen het snapte.",
}


@dataclass(frozen=True)
class AmbitionIdea:
    dream: str
    why: str
    steps: tuple[str, ...]


AMBITIONS = (
    AmbitionIdea(
        "Automonteur worden",
        "Ik sleutel graag en wil later misschien een eigen garage.",
        (
            "Een bijbaantje in een garage zoeken",
            "Meelopen op de opleiding autotechniek",
            "Met mijn oom praten over zijn werk",
            "Kiezen voor het profiel mobiliteit en transport",
        ),
    ),
    AmbitionIdea(
        "Verpleegkundige worden",
        "Ik wil voor mensen zorgen die het moeilijk hebben.",
        (
            "Vrijwilligerswerk doen in het zorgcentrum",
            "De open dag van de zorgopleiding bezoeken",
            "Een verpleegkundige interviewen",
            "Uitzoeken of ik nachtdiensten aankan",
        ),
    ),
    AmbitionIdea(
        "Mijn eigen kapsalon",
        "Ik houd van mooie kapsels en wil mijn eigen baas zijn.",
        (
            "Een dag meelopen bij een kapper",
            "Oefenen op de haren van mijn zus",
            "Uitzoeken wat je nodig hebt voor een eigen zaak",
        ),
    ),
    AmbitionIdea(
        "Kok in een goed restaurant",
        "Koken maakt mij blij en ik wil mensen verrassen met eten.",
        (
            "Een bijbaan in een keuken zoeken",
            "Thuis elke week een nieuw recept maken",
            "De opleiding tot kok bekijken",
        ),
    ),
    AmbitionIdea(
        "Iets met computers en games",
        "Ik wil weten hoe apps en games gemaakt worden.",
        (
            "Een gratis programmeercursus volgen",
            "Naar de open dag ICT gaan",
            "Een eigen website maken",
            "Iemand spreken die games maakt",
        ),
    ),
    AmbitionIdea(
        "Juf of meester op de basisschool",
        "Ik leg graag dingen uit en ik houd van kinderen.",
        (
            "Stage lopen op een basisschool",
            "Helpen bij de training van de jeugd",
            "Uitzoeken welke route er is via mbo of havo naar de pabo",
        ),
    ),
    AmbitionIdea(
        "Elektricien",
        "Ik wil met techniek werken en zekerheid hebben over werk.",
        (
            "Meelopen bij een installatiebedrijf",
            "Kiezen voor het profiel bouwen, wonen en interieur",
            "Mijn buurman vragen over zijn werk",
        ),
    ),
    AmbitionIdea(
        "Dierenartsassistent",
        "Ik ben gek op dieren en wil ze helpen als ze ziek zijn.",
        (
            "Vrijwilliger worden bij het dierenasiel",
            "Een dag meelopen bij de dierenkliniek",
            "Uitzoeken welke opleiding hierbij hoort",
        ),
    ),
    AmbitionIdea(
        "Politieagent",
        "Ik wil mensen beschermen en elke dag iets anders doen.",
        (
            "Naar de open dag van de politieopleiding",
            "Mijn conditie verbeteren",
            "Een wijkagent vragen hoe zijn werk is",
        ),
    ),
    AmbitionIdea(
        "Tolk of werken met talen",
        "Ik spreek drie talen en wil mensen helpen elkaar te begrijpen.",
        (
            "Mijn Nederlands verbeteren met de taal-app",
            "Uitzoeken welke opleidingen er zijn met talen",
            "Vrijwillig tolken bij school",
        ),
    ),
)

RELATIONS = (
    "oom",
    "tante",
    "buurvrouw",
    "buurman",
    "trainer",
    "stagebegeleider",
    "neef",
    "nicht",
    "oud-leerling",
    "vriend van mijn vader",
    "moeder van een vriend",
    "mijn oudere zus",
)

OCCUPATIONS = (
    ("monteur", "Kan vertellen hoe het is om in een garage te werken."),
    ("verpleegkundige", "Weet veel over opleidingen in de zorg."),
    ("eigenaar van een bakkerij", "Zoekt misschien een bijbaantje-kracht."),
    ("elektricien", "Kan mij een dag laten meelopen."),
    ("ICT'er bij de gemeente", "Kan uitleggen wat je in de ICT doet."),
    ("leraar", "Kan helpen met mijn profielkeuze."),
    ("kapster", "Wil mij laten oefenen in de salon."),
    ("student op het mbo", "Weet hoe de opleiding echt is."),
    ("vrachtwagenchauffeur", "Kan vertellen over werken in de logistiek."),
    ("kok", "Kan mij tips geven voor een stage in de keuken."),
    ("tolk", "Weet hoe je werk kunt maken van je talen."),
    ("hovenier", "Kan mij laten zien hoe buiten werken is."),
)

ACTIONS = (
    (
        "Een mail sturen voor een meeloopdag",
        "ik",
        "met hulp van mijn mentor",
        "Ik heb de mail verstuurd en een antwoord gekregen.",
    ),
    (
        "De open dag van het mbo bezoeken",
        "ik",
        "met mijn moeder",
        "Ik heb drie vragen gesteld en opgeschreven.",
    ),
    ("Mijn cv maken", "ik", "in de les LOB", "Mijn cv staat in mijn dossier."),
    ("Een bijbaantje zoeken", "ik", "op de site van de supermarkt", "Ik heb twee keer gesolliciteerd."),
    ("Een gesprek plannen met de decaan", "ik", "op school", "De afspraak staat in mijn agenda."),
    ("Iemand interviewen over zijn werk", "ik", "met mijn oom", "Ik heb het interview opgeschreven."),
    (
        "Informatie zoeken over twee opleidingen",
        "ik",
        "thuis op de computer",
        "Ik kan drie verschillen noemen tussen de opleidingen.",
    ),
    ("Een stageplek vinden", "ik en mijn mentor", "in de buurt van school", "Ik heb een stageplek."),
    ("Mijn reflectie op de stage afmaken", "ik", "in het dossier", "Alle vragen zijn beantwoord."),
    ("Met mijn ouders praten over mijn keuze", "ik", "thuis", "We hebben samen de folder gelezen."),
    (
        "Navragen of er een reiskostenvergoeding is",
        "de decaan",
        "op school",
        "Ik weet of ik geld terugkrijg.",
    ),
    (
        "Oefenen voor het sollicitatiegesprek",
        "ik en mijn mentor",
        "in het mentoruur",
        "Ik heb het gesprek twee keer geoefend.",
    ),
)

MENTOR_QUESTIONS = (
    "Mooi verhaal! Wat maakte dat je zo trots was?",
    "Wat zou je de volgende keer anders doen?",
    "Je schrijft dat je het leuk vond. Wat precies?",
    "Zou je hier een stage willen lopen? Waarom wel of niet?",
    "Wie heeft je hierbij geholpen?",
    "Kun je hier een foto bij zetten?",
    "Past dit bij wat je later wilt? Laten we het er in het gesprek over hebben.",
)

STUDENT_REPLIES = (
    "Dat ik het zelf kon, zonder hulp.",
    "Ik zou beter vragen wat ze van mij verwachten.",
    "Dat ik echt mee mocht doen en niet alleen kijken.",
    "Misschien, ik wil eerst nog ergens anders kijken.",
)

# What students write when no catalogue word fits: (trait kind, own words).
OWN_WORDS = (
    ("quality", "ik kan goed vertalen tussen Arabisch en Nederlands"),
    ("quality", "ik maak mensen rustig als ze boos zijn"),
    ("quality", "ik kan goed tekenen op de computer"),
    ("quality", "ik zie meteen als iemand zich alleen voelt"),
    ("motive", "ik wil later mijn familie kunnen helpen"),
    ("motive", "ik wil werk waar ik trots op kan zijn"),
    ("motive", "ik wil iets doen met auto's, net als mijn opa"),
    ("motive", "ik wil niet de hele dag achter een bureau"),
)

# --- career conversations (loopbaangesprekken) ---
# Quick notes a mentor types per phase while talking, written for one student (demo/about.py): {hij}, {hem},
# {zijn} are the student's pronouns, {steering} what the mentor noted about their programme, and
# "{experience}" the experience the student brought.
CONVERSATION_NOTES = {
    "goal": (
        "Wil het vooral hebben over stage volgend jaar.",
        "Weet nog niet wat {hij} wil kiezen; vandaag verkennen.",
        "Kwam zelf met de vraag welk werk bij {hem} past.",
    ),
    "experience": (
        "Vertelde over {experience}. Werd enthousiast toen het over het echte werk ging.",
        "Begon bij {experience}; vond het spannend maar was achteraf trots.",
        "Had het over {experience}: wat {hem} opviel was hoe vroeg iedereen begon.",
    ),
    "qualities": (
        "Noemt zichzelf geduldig; kon een voorbeeld geven van thuis.",
        "Ziet pas na doorvragen dat {hij} goed kan organiseren.",
        "Is precies en werkt netjes af, zegt ook {zijn} trainer.",
    ),
    "motives": (
        "Vindt het belangrijk om iets met mensen te doen.",
        "Wil zien wat {hij} gemaakt heeft aan het eind van de dag.",
        "Afwisseling telt zwaar: niet elke dag hetzelfde.",
    ),
    "work_exploration": (
        "Samen gekeken welke beroepen bij dat soort werk horen.",
        "Kende maar een paar beroepen in die richting; samen er nog drie opgezocht.",
        "Weet weinig van het werk zelf; {hij} gaat het opzoeken.",
    ),
    "career_steering": (
        "{steering}",
        "Wil eerst een dag meelopen voordat {hij} kiest.",
    ),
    "networking": (
        "Oom werkt in de bouw; die gaat {hij} vragen.",
        "Buurvrouw is kapster; misschien kan {hij} daar een middag kijken.",
    ),
    "closing": (
        "Afspraken samen geformuleerd, de leerling schreef de afspraken zelf op.",
        "Korte samenvatting door de leerling zelf gegeven.",
    ),
}

CONVERSATION_SUMMARIES = (
    "We hebben gepraat over de snuffelstage. Je merkte dat je graag met je handen werkt en dat je "
    "durft te vragen als je iets niet weet. Volgende stap: een meeloopdag regelen.",
    "Je wilt iets met mensen doen, maar weet nog niet wat. We hebben drie beroepen opgezocht en je gaat "
    "iemand uit je omgeving interviewen.",
    "Je twijfelt nog over je keuze. We hebben op een rij gezet wat je goed kunt en wat je belangrijk "
    "vindt. Thuis bespreek je de keuze met je ouders.",
    "Je vertelde over je bijbaan en hoe je daar verantwoordelijkheid kreeg. Dat past bij werk waarin je "
    "zelf dingen regelt. Je zoekt uit welke opleidingen daarbij horen.",
)

CONVERSATION_NEXT_TOPICS = (
    "Hoe ging de meeloopdag?",
    "Wat vertelde je oom over het werk?",
    "Welke keuze heb je met je ouders besproken?",
    "Terugkijken op de open dag.",
)

# (what, done when) for each party; the student's own come from ACTIONS.
MENTOR_AGREEMENTS = (
    ("Een adres voor een meeloopdag doorsturen", "De leerling heeft het adres in de mail."),
    ("Navragen bij de decaan welke open dagen er zijn", "Het lijstje staat in het dossier."),
)
GUARDIAN_AGREEMENTS = (
    ("Samen de website van de opleiding bekijken", "We hebben er thuis over gepraat."),
    ("Meegaan naar de open dag", "We zijn samen geweest."),
)

EVALUATION_COMMENTS = (
    "Fijn dat ik zelf mocht beginnen.",
    "Het ging snel, maar ik weet wat ik moet doen.",
    "Ik had meer tijd willen hebben.",
    "",
)

MENTOR_REFLECTIONS = (
    "Doorvragen op het gevoel bij de stage werkte goed.",
    "Ik praatte te veel zelf; volgende keer meer stilte laten vallen.",
    "De voorbereiding van de leerling gaf meteen een goed begin.",
    "",
)

PREPARATION_TALK_ABOUT = (
    "Mijn snuffelstage",
    "Welk profiel ik moet kiezen",
    "Mijn bijbaan",
    "Ik weet het nog niet zo goed",
)
PREPARATION_HOPE = (
    "Dat ik weet wat ik volgend jaar kan doen.",
    "Tips om een stage te vinden.",
    "Dat ik mijn keuze beter kan uitleggen.",
)
