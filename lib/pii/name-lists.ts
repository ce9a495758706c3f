/**
 * Word lists for finding people's names in running text (lib/pii/names.ts). compromise's lexicon
 * supplies some 3,000 first names and 900 surnames, mostly American; these add names common in
 * England and Wales that it lacks, and the casework vocabulary that must never be taken for a name.
 * All lower case.
 */

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

/** First names common in England and Wales that compromise's lexicon lacks. */
export const EXTRA_FIRST_NAMES = words(`
  aisha amara amani ayesha amina amira aaliyah zainab fatima fatma khadija maryam mariam noor nur hafsa safiya sana saima nadia
  samira yasmin yasmeen shazia nasreen parveen rukhsana shabana farah farida hina iqra mehreen rabia ruqayyah sumaya
  priya anjali pooja deepa kavita sunita anita rekha meena lakshmi divya shreya nisha neha asha geeta harpreet jaspreet
  manpreet gurpreet simran amrit kiran mandeep rajinder baljit sukhjeet navneet parminder kamaljit
  mohammed muhammad mohamed mohammad ahmed ahmad ali omar umar hassan hussain hussein imran bilal usman osman tariq
  zain zayn hamza ibrahim ismail yusuf yousef adil arif asif amir aamir faisal kashif khalid nadeem naveed rashid
  sajid shahid wasim zubair abdul abdullah mustafa saeed rizwan irfan junaid waqas shoaib arjun rohan rahul raj ravi
  sanjay vikram amit anil ajay deepak manoj suresh ramesh rakesh harjit jaswinder kulwinder sukhdev gurdeep
  kasia katarzyna agnieszka magdalena malgorzata joanna aleksandra zofia oksana olena iryna natalia svetlana
  tomasz piotr pawel krzysztof marek andrzej jakub mateusz lukasz michal wojciech bogdan vasile ionut andrei mihai
  florin gheorghe elena ioana alina andreea
  ngozi chidi chinedu chioma adaeze amaka obinna emeka ifeoma nkechi kwame kofi kojo kwabena abena akosua ama yaw
  adwoa efua esi oluwaseun olumide tunde bola funmi yetunde femi segun ade abimbola tendai tatenda chipo farai
  siobhan niamh aoife ciara sinead roisin grainne orla caoimhe saoirse aisling clodagh eimear mairead
  declan cian oisin padraig eoin ronan fergal cathal conor connor callum kieran liam ciaran seamus
  kayleigh kayley chelsey shannon courtney kirsty gemma leanne stacey stacy tracey tracy danielle jodie jade
  chantelle shanice keisha tia tiana kerry-ann lacey demi paige mollie millie ellie evie poppy freya isla esme
  darren wayne dean craig shane lee jason scott gareth rhys dylan aled dafydd iwan gethin sion emyr bryn
  kyle reece tyler jordan jayden kai lewis harvey archie alfie freddie ollie charlie toby theo jamal tyrone
  leroy delroy winston desmond errol marlon
`);

/** Surnames common in England and Wales (including South Asian, Polish, West African and Irish ones). */
export const EXTRA_SURNAMES = words(`
  smith jones williams taylor davies brown evans wilson thomas johnson roberts robinson thompson wright walker
  edwards hughes lewis harris clarke patel jackson turner martin cooper morris moore clark lee baker harrison
  morgan allen james scott phillips watson davis parker bennett griffiths mitchell kelly cook carter richardson
  bailey collins shaw murphy miller cox richards khan marshall anderson simpson ellis adams singh begum wilkinson
  foster chapman powell webb rogers mason ali hunt hussain campbell matthews owen palmer holmes mills barnes
  knight lloyd butler russell barker fisher stevens jenkins murray dixon harvey ahmed kaur ahmad akhtar iqbal
  rahman chowdhury choudhury uddin miah mahmood hussein mohammed mohammad shah malik bibi aziz qureshi sheikh
  siddiqui butt rehman rana bhatti chaudhry mirza sharma kumar gupta mistry parmar solanki chauhan joshi desai
  mehta shah gill sandhu dhillon sidhu grewal bains johal atwal
  kowalski kowalska nowak wisniewski wisniewska wojcik kaminski kaminska lewandowski zielinski szymanski
  wozniak dabrowski kozlowski jankowski mazur krawczyk popescu ionescu popa
  okafor okonkwo adeyemi adebayo okoro eze nwosu obi mensah osei owusu boateng asante appiah agyeman
  oconnor o'connor o'brien obrien o'neill oneill o'sullivan murphy byrne ryan doyle mccarthy kavanagh
  mcdonald macdonald mckenzie mackenzie mcleod macleod mcgregor macgregor stewart fraser ferguson
  nguyen tran wang zhang chen liu huang zhao yang
`);

/**
 * Names that are also everyday words, months, places or casework terms ("Will", "May", "Grace",
 * "Hope", "Dean", "Chelsea"): a name only with a sign that a person is meant.
 */
export const AMBIGUOUS_NAMES = words(`
  will may june april august grace hope faith joy rose lily ivy holly daisy heather iris violet ruby pearl amber
  crystal summer autumn dawn sky skye rain storm sunny honey candy ginger rosemary bay destiny harmony
  mark bill frank jack guy rich major rob bob ray art sue pat don kim hunter chase miles price king young white
  green brown black gray grey hill wood hall bell cook baker mason carter parker turner walker page long short
  little love wolf fox law cash case worth hart chelsea victoria florence jersey lincoln kent derby preston
  milton harrow dean boston eden austin dallas paris china india georgia sydney kingston brooklyn
  angel justice christian sunday ebony jade jordan marshall stewart bishop noble sterling rich hardy bright
  trust may-be faith hope
  police court council service services office house street road park
`);

/** Capitalised words of casework that are never a name: services, agencies, law, faiths, languages, apps. */
export const CASEWORK_WORDS = words(`
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday christmas easter ramadan eid diwali hanukkah
  vaisakhi passover halloween valentine valentine's
  marac mappa idva isva sarc mash camhs dapo dapn dvpn dvpo dash nrpf cps nhs gp dwp hmrc ofsted cafcass
  refuge childline samaritans shelter respect galop hestia solace barnardo's barnardos nspcc mind relate
  safelives karma nirvana southall imkaan chayn paladin hourglass rise victim support women's womens aid
  crown prosecution service services police constabulary court courts council councils magistrates family
  youth county high supreme appeal coroner's tribunal probation prison custody bail act acts law order orders
  section schedule regulation regulations rules guidance protocol policy clare's sarah's claire's
  domestic abuse violence stalking harassment protection prevention notice injunction non-molestation occupation
  housing homelessness universal credit jobcentre benefits team unit hub centre center trust foundation
  charity project partnership board authority agency department office ministry hospital ward clinic surgery
  practice pharmacy school academy college university nursery station church mosque temple gurdwara synagogue
  social care health mental adult adults children's children young people's early help
  emergency department a&e ambulance paramedic paramedics fire rescue
  british english scottish welsh irish northern polish romanian bulgarian lithuanian latvian ukrainian russian
  albanian portuguese spanish italian french german turkish kurdish syrian iraqi iranian afghan pakistani
  indian bangladeshi sri lankan nepali chinese vietnamese filipino thai somali eritrean ethiopian sudanese
  nigerian ghanaian zimbabwean kenyan ugandan congolese jamaican caribbean african asian european arab
  black white mixed gypsy roma traveller irish-traveller
  muslim christian hindu sikh jewish buddhist catholic orthodox islamic
  urdu punjabi bengali sylheti gujarati hindi tamil arabic farsi dari pashto tigrinya amharic somali polish
  mandarin cantonese romani bsl
  whatsapp snapchat instagram facebook tiktok twitter telegram signal messenger tinder hinge bumble grindr
  google apple iphone android airtag airtags tile life360 uber deliveroo amazon paypal monzo revolut
  tesco asda aldi lidl sainsbury's morrisons mcdonald's costa greggs primark boots xbox playstation
  the a an she he they her his their it we you i this that these those then when after before during
  client victim survivor perpetrator suspect offender partner ex ex-partner husband wife mum dad mother father
  son daughter baby child children sister brother friend neighbour officer officers caseworker worker nurse
  doctor midwife teacher judge solicitor barrister advocate interpreter
  no yes not none unknown other n/a tbc
  england wales scotland uk britain europe
  operation encompass sanctuary scheme
`);

/** Relationship and role words: a capitalised word just after one is someone's name ("her ex-partner Kyle"). */
export const ROLE_WORDS = words(`
  partner ex-partner ex husband ex-husband wife ex-wife boyfriend ex-boyfriend girlfriend ex-girlfriend fiance
  fiancé fiancee fiancée spouse son daughter stepson stepdaughter child baby toddler brother sister half-brother
  half-sister stepbrother stepsister mother father mum dad mom stepfather stepmother stepdad stepmum grandmother
  grandfather grandma grandad granddad nan nana gran grandson granddaughter aunt auntie aunty uncle cousin niece
  nephew friend best-friend flatmate housemate neighbour colleague boss manager landlord landlady lodger
  in-law mother-in-law father-in-law sister-in-law brother-in-law perpetrator suspect abuser victim client
  survivor caller associate acquaintance
`);
