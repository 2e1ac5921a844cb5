namespace CreatorMarketplace;

public sealed partial class Currency
{
    /// <summary>UAE Dirham (AED, 784; 2 minor-unit digits).</summary>
    public static readonly Currency AED = new("AED", 784, 2, "UAE Dirham");

    /// <summary>Afghani (AFN, 971; 2 minor-unit digits).</summary>
    public static readonly Currency AFN = new("AFN", 971, 2, "Afghani");

    /// <summary>Lek (ALL, 008; 2 minor-unit digits).</summary>
    public static readonly Currency ALL = new("ALL", 8, 2, "Lek");

    /// <summary>Armenian Dram (AMD, 051; 2 minor-unit digits).</summary>
    public static readonly Currency AMD = new("AMD", 51, 2, "Armenian Dram");

    /// <summary>Kwanza (AOA, 973; 2 minor-unit digits).</summary>
    public static readonly Currency AOA = new("AOA", 973, 2, "Kwanza");

    /// <summary>Argentine Peso (ARS, 032; 2 minor-unit digits).</summary>
    public static readonly Currency ARS = new("ARS", 32, 2, "Argentine Peso");

    /// <summary>Australian Dollar (AUD, 036; 2 minor-unit digits).</summary>
    public static readonly Currency AUD = new("AUD", 36, 2, "Australian Dollar");

    /// <summary>Aruban Florin (AWG, 533; 2 minor-unit digits).</summary>
    public static readonly Currency AWG = new("AWG", 533, 2, "Aruban Florin");

    /// <summary>Azerbaijan Manat (AZN, 944; 2 minor-unit digits).</summary>
    public static readonly Currency AZN = new("AZN", 944, 2, "Azerbaijan Manat");

    /// <summary>Convertible Mark (BAM, 977; 2 minor-unit digits).</summary>
    public static readonly Currency BAM = new("BAM", 977, 2, "Convertible Mark");

    /// <summary>Barbados Dollar (BBD, 052; 2 minor-unit digits).</summary>
    public static readonly Currency BBD = new("BBD", 52, 2, "Barbados Dollar");

    /// <summary>Taka (BDT, 050; 2 minor-unit digits).</summary>
    public static readonly Currency BDT = new("BDT", 50, 2, "Taka");


    /// <summary>Bahraini Dinar (BHD, 048; 3 minor-unit digits).</summary>
    public static readonly Currency BHD = new("BHD", 48, 3, "Bahraini Dinar");

    /// <summary>Burundi Franc (BIF, 108; 0 minor-unit digits).</summary>
    public static readonly Currency BIF = new("BIF", 108, 0, "Burundi Franc");

    /// <summary>Bermudian Dollar (BMD, 060; 2 minor-unit digits).</summary>
    public static readonly Currency BMD = new("BMD", 60, 2, "Bermudian Dollar");

    /// <summary>Brunei Dollar (BND, 096; 2 minor-unit digits).</summary>
    public static readonly Currency BND = new("BND", 96, 2, "Brunei Dollar");

    /// <summary>Boliviano (BOB, 068; 2 minor-unit digits).</summary>
    public static readonly Currency BOB = new("BOB", 68, 2, "Boliviano");

    /// <summary>Mvdol (BOV, 984; 2 minor-unit digits).</summary>
    public static readonly Currency BOV = new("BOV", 984, 2, "Mvdol");

    /// <summary>Brazilian Real (BRL, 986; 2 minor-unit digits).</summary>
    public static readonly Currency BRL = new("BRL", 986, 2, "Brazilian Real");

    /// <summary>Bahamian Dollar (BSD, 044; 2 minor-unit digits).</summary>
    public static readonly Currency BSD = new("BSD", 44, 2, "Bahamian Dollar");

    /// <summary>Ngultrum (BTN, 064; 2 minor-unit digits).</summary>
    public static readonly Currency BTN = new("BTN", 64, 2, "Ngultrum");

    /// <summary>Pula (BWP, 072; 2 minor-unit digits).</summary>
    public static readonly Currency BWP = new("BWP", 72, 2, "Pula");

    /// <summary>Belarusian Ruble (BYN, 933; 2 minor-unit digits).</summary>
    public static readonly Currency BYN = new("BYN", 933, 2, "Belarusian Ruble");

    /// <summary>Belize Dollar (BZD, 084; 2 minor-unit digits).</summary>
    public static readonly Currency BZD = new("BZD", 84, 2, "Belize Dollar");

    /// <summary>Canadian Dollar (CAD, 124; 2 minor-unit digits).</summary>
    public static readonly Currency CAD = new("CAD", 124, 2, "Canadian Dollar");

    /// <summary>Congolese Franc (CDF, 976; 2 minor-unit digits).</summary>
    public static readonly Currency CDF = new("CDF", 976, 2, "Congolese Franc");

    /// <summary>WIR Euro (CHE, 947; 2 minor-unit digits).</summary>
    public static readonly Currency CHE = new("CHE", 947, 2, "WIR Euro");

    /// <summary>Swiss Franc (CHF, 756; 2 minor-unit digits).</summary>
    public static readonly Currency CHF = new("CHF", 756, 2, "Swiss Franc");

    /// <summary>WIR Franc (CHW, 948; 2 minor-unit digits).</summary>
    public static readonly Currency CHW = new("CHW", 948, 2, "WIR Franc");

    /// <summary>Unidad de Fomento (CLF, 990; 4 minor-unit digits).</summary>
    public static readonly Currency CLF = new("CLF", 990, 4, "Unidad de Fomento");

    /// <summary>Chilean Peso (CLP, 152; 0 minor-unit digits).</summary>
    public static readonly Currency CLP = new("CLP", 152, 0, "Chilean Peso");

    /// <summary>Yuan Renminbi (CNY, 156; 2 minor-unit digits).</summary>
    public static readonly Currency CNY = new("CNY", 156, 2, "Yuan Renminbi");

    /// <summary>Colombian Peso (COP, 170; 2 minor-unit digits).</summary>
    public static readonly Currency COP = new("COP", 170, 2, "Colombian Peso");

    /// <summary>Unidad de Valor Real (COU, 970; 2 minor-unit digits).</summary>
    public static readonly Currency COU = new("COU", 970, 2, "Unidad de Valor Real");

    /// <summary>Costa Rican Colon (CRC, 188; 2 minor-unit digits).</summary>
    public static readonly Currency CRC = new("CRC", 188, 2, "Costa Rican Colon");

    /// <summary>Cuban Peso (CUP, 192; 2 minor-unit digits).</summary>
    public static readonly Currency CUP = new("CUP", 192, 2, "Cuban Peso");

    /// <summary>Cabo Verde Escudo (CVE, 132; 2 minor-unit digits).</summary>
    public static readonly Currency CVE = new("CVE", 132, 2, "Cabo Verde Escudo");

    /// <summary>Czech Koruna (CZK, 203; 2 minor-unit digits).</summary>
    public static readonly Currency CZK = new("CZK", 203, 2, "Czech Koruna");

    /// <summary>Djibouti Franc (DJF, 262; 0 minor-unit digits).</summary>
    public static readonly Currency DJF = new("DJF", 262, 0, "Djibouti Franc");

    /// <summary>Danish Krone (DKK, 208; 2 minor-unit digits).</summary>
    public static readonly Currency DKK = new("DKK", 208, 2, "Danish Krone");

    /// <summary>Dominican Peso (DOP, 214; 2 minor-unit digits).</summary>
    public static readonly Currency DOP = new("DOP", 214, 2, "Dominican Peso");

    /// <summary>Algerian Dinar (DZD, 012; 2 minor-unit digits).</summary>
    public static readonly Currency DZD = new("DZD", 12, 2, "Algerian Dinar");

    /// <summary>Egyptian Pound (EGP, 818; 2 minor-unit digits).</summary>
    public static readonly Currency EGP = new("EGP", 818, 2, "Egyptian Pound");

    /// <summary>Nakfa (ERN, 232; 2 minor-unit digits).</summary>
    public static readonly Currency ERN = new("ERN", 232, 2, "Nakfa");

    /// <summary>Ethiopian Birr (ETB, 230; 2 minor-unit digits).</summary>
    public static readonly Currency ETB = new("ETB", 230, 2, "Ethiopian Birr");

    /// <summary>Euro (EUR, 978; 2 minor-unit digits).</summary>
    public static readonly Currency EUR = new("EUR", 978, 2, "Euro");

    /// <summary>Fiji Dollar (FJD, 242; 2 minor-unit digits).</summary>
    public static readonly Currency FJD = new("FJD", 242, 2, "Fiji Dollar");

    /// <summary>Falkland Islands Pound (FKP, 238; 2 minor-unit digits).</summary>
    public static readonly Currency FKP = new("FKP", 238, 2, "Falkland Islands Pound");

    /// <summary>Pound Sterling (GBP, 826; 2 minor-unit digits).</summary>
    public static readonly Currency GBP = new("GBP", 826, 2, "Pound Sterling");

    /// <summary>Lari (GEL, 981; 2 minor-unit digits).</summary>
    public static readonly Currency GEL = new("GEL", 981, 2, "Lari");

    /// <summary>Ghana Cedi (GHS, 936; 2 minor-unit digits).</summary>
    public static readonly Currency GHS = new("GHS", 936, 2, "Ghana Cedi");

    /// <summary>Gibraltar Pound (GIP, 292; 2 minor-unit digits).</summary>
    public static readonly Currency GIP = new("GIP", 292, 2, "Gibraltar Pound");

    /// <summary>Dalasi (GMD, 270; 2 minor-unit digits).</summary>
    public static readonly Currency GMD = new("GMD", 270, 2, "Dalasi");

    /// <summary>Guinean Franc (GNF, 324; 0 minor-unit digits).</summary>
    public static readonly Currency GNF = new("GNF", 324, 0, "Guinean Franc");

    /// <summary>Quetzal (GTQ, 320; 2 minor-unit digits).</summary>
    public static readonly Currency GTQ = new("GTQ", 320, 2, "Quetzal");

    /// <summary>Guyana Dollar (GYD, 328; 2 minor-unit digits).</summary>
    public static readonly Currency GYD = new("GYD", 328, 2, "Guyana Dollar");

    /// <summary>Hong Kong Dollar (HKD, 344; 2 minor-unit digits).</summary>
    public static readonly Currency HKD = new("HKD", 344, 2, "Hong Kong Dollar");

    /// <summary>Lempira (HNL, 340; 2 minor-unit digits).</summary>
    public static readonly Currency HNL = new("HNL", 340, 2, "Lempira");

    /// <summary>Gourde (HTG, 332; 2 minor-unit digits).</summary>
    public static readonly Currency HTG = new("HTG", 332, 2, "Gourde");

    /// <summary>Forint (HUF, 348; 2 minor-unit digits).</summary>
    public static readonly Currency HUF = new("HUF", 348, 2, "Forint");

    /// <summary>Rupiah (IDR, 360; 2 minor-unit digits).</summary>
    public static readonly Currency IDR = new("IDR", 360, 2, "Rupiah");

    /// <summary>New Israeli Sheqel (ILS, 376; 2 minor-unit digits).</summary>
    public static readonly Currency ILS = new("ILS", 376, 2, "New Israeli Sheqel");

    /// <summary>Indian Rupee (INR, 356; 2 minor-unit digits).</summary>
    public static readonly Currency INR = new("INR", 356, 2, "Indian Rupee");

    /// <summary>Iraqi Dinar (IQD, 368; 3 minor-unit digits).</summary>
    public static readonly Currency IQD = new("IQD", 368, 3, "Iraqi Dinar");

    /// <summary>Iranian Rial (IRR, 364; 2 minor-unit digits).</summary>
    public static readonly Currency IRR = new("IRR", 364, 2, "Iranian Rial");

    /// <summary>Iceland Krona (ISK, 352; 0 minor-unit digits).</summary>
    public static readonly Currency ISK = new("ISK", 352, 0, "Iceland Krona");

    /// <summary>Jamaican Dollar (JMD, 388; 2 minor-unit digits).</summary>
    public static readonly Currency JMD = new("JMD", 388, 2, "Jamaican Dollar");

    /// <summary>Jordanian Dinar (JOD, 400; 3 minor-unit digits).</summary>
    public static readonly Currency JOD = new("JOD", 400, 3, "Jordanian Dinar");

    /// <summary>Yen (JPY, 392; 0 minor-unit digits).</summary>
    public static readonly Currency JPY = new("JPY", 392, 0, "Yen");

    /// <summary>Kenyan Shilling (KES, 404; 2 minor-unit digits).</summary>
    public static readonly Currency KES = new("KES", 404, 2, "Kenyan Shilling");

    /// <summary>Som (KGS, 417; 2 minor-unit digits).</summary>
    public static readonly Currency KGS = new("KGS", 417, 2, "Som");

    /// <summary>Riel (KHR, 116; 2 minor-unit digits).</summary>
    public static readonly Currency KHR = new("KHR", 116, 2, "Riel");

    /// <summary>Comorian Franc (KMF, 174; 0 minor-unit digits).</summary>
    public static readonly Currency KMF = new("KMF", 174, 0, "Comorian Franc");

    /// <summary>North Korean Won (KPW, 408; 2 minor-unit digits).</summary>
    public static readonly Currency KPW = new("KPW", 408, 2, "North Korean Won");

    /// <summary>Won (KRW, 410; 0 minor-unit digits).</summary>
    public static readonly Currency KRW = new("KRW", 410, 0, "Won");

    /// <summary>Kuwaiti Dinar (KWD, 414; 3 minor-unit digits).</summary>
    public static readonly Currency KWD = new("KWD", 414, 3, "Kuwaiti Dinar");

    /// <summary>Cayman Islands Dollar (KYD, 136; 2 minor-unit digits).</summary>
    public static readonly Currency KYD = new("KYD", 136, 2, "Cayman Islands Dollar");

    /// <summary>Tenge (KZT, 398; 2 minor-unit digits).</summary>
    public static readonly Currency KZT = new("KZT", 398, 2, "Tenge");

    /// <summary>Lao Kip (LAK, 418; 2 minor-unit digits).</summary>
    public static readonly Currency LAK = new("LAK", 418, 2, "Lao Kip");

    /// <summary>Lebanese Pound (LBP, 422; 2 minor-unit digits).</summary>
    public static readonly Currency LBP = new("LBP", 422, 2, "Lebanese Pound");

    /// <summary>Sri Lanka Rupee (LKR, 144; 2 minor-unit digits).</summary>
    public static readonly Currency LKR = new("LKR", 144, 2, "Sri Lanka Rupee");

    /// <summary>Liberian Dollar (LRD, 430; 2 minor-unit digits).</summary>
    public static readonly Currency LRD = new("LRD", 430, 2, "Liberian Dollar");

    /// <summary>Loti (LSL, 426; 2 minor-unit digits).</summary>
    public static readonly Currency LSL = new("LSL", 426, 2, "Loti");

    /// <summary>Libyan Dinar (LYD, 434; 3 minor-unit digits).</summary>
    public static readonly Currency LYD = new("LYD", 434, 3, "Libyan Dinar");

    /// <summary>Moroccan Dirham (MAD, 504; 2 minor-unit digits).</summary>
    public static readonly Currency MAD = new("MAD", 504, 2, "Moroccan Dirham");

    /// <summary>Moldovan Leu (MDL, 498; 2 minor-unit digits).</summary>
    public static readonly Currency MDL = new("MDL", 498, 2, "Moldovan Leu");

    /// <summary>Malagasy Ariary (MGA, 969; 2 minor-unit digits).</summary>
    public static readonly Currency MGA = new("MGA", 969, 2, "Malagasy Ariary");

    /// <summary>Denar (MKD, 807; 2 minor-unit digits).</summary>
    public static readonly Currency MKD = new("MKD", 807, 2, "Denar");

    /// <summary>Kyat (MMK, 104; 2 minor-unit digits).</summary>
    public static readonly Currency MMK = new("MMK", 104, 2, "Kyat");

    /// <summary>Tugrik (MNT, 496; 2 minor-unit digits).</summary>
    public static readonly Currency MNT = new("MNT", 496, 2, "Tugrik");

    /// <summary>Pataca (MOP, 446; 2 minor-unit digits).</summary>
    public static readonly Currency MOP = new("MOP", 446, 2, "Pataca");

    /// <summary>Ouguiya (MRU, 929; 2 minor-unit digits).</summary>
    public static readonly Currency MRU = new("MRU", 929, 2, "Ouguiya");

    /// <summary>Mauritius Rupee (MUR, 480; 2 minor-unit digits).</summary>
    public static readonly Currency MUR = new("MUR", 480, 2, "Mauritius Rupee");

    /// <summary>Rufiyaa (MVR, 462; 2 minor-unit digits).</summary>
    public static readonly Currency MVR = new("MVR", 462, 2, "Rufiyaa");

    /// <summary>Malawi Kwacha (MWK, 454; 2 minor-unit digits).</summary>
    public static readonly Currency MWK = new("MWK", 454, 2, "Malawi Kwacha");

    /// <summary>Mexican Peso (MXN, 484; 2 minor-unit digits).</summary>
    public static readonly Currency MXN = new("MXN", 484, 2, "Mexican Peso");

    /// <summary>Mexican Unidad de Inversion (UDI) (MXV, 979; 2 minor-unit digits).</summary>
    public static readonly Currency MXV = new("MXV", 979, 2, "Mexican Unidad de Inversion (UDI)");

    /// <summary>Malaysian Ringgit (MYR, 458; 2 minor-unit digits).</summary>
    public static readonly Currency MYR = new("MYR", 458, 2, "Malaysian Ringgit");

    /// <summary>Mozambique Metical (MZN, 943; 2 minor-unit digits).</summary>
    public static readonly Currency MZN = new("MZN", 943, 2, "Mozambique Metical");

    /// <summary>Namibia Dollar (NAD, 516; 2 minor-unit digits).</summary>
    public static readonly Currency NAD = new("NAD", 516, 2, "Namibia Dollar");

    /// <summary>Naira (NGN, 566; 2 minor-unit digits).</summary>
    public static readonly Currency NGN = new("NGN", 566, 2, "Naira");

    /// <summary>Cordoba Oro (NIO, 558; 2 minor-unit digits).</summary>
    public static readonly Currency NIO = new("NIO", 558, 2, "Cordoba Oro");

    /// <summary>Norwegian Krone (NOK, 578; 2 minor-unit digits).</summary>
    public static readonly Currency NOK = new("NOK", 578, 2, "Norwegian Krone");

    /// <summary>Nepalese Rupee (NPR, 524; 2 minor-unit digits).</summary>
    public static readonly Currency NPR = new("NPR", 524, 2, "Nepalese Rupee");

    /// <summary>New Zealand Dollar (NZD, 554; 2 minor-unit digits).</summary>
    public static readonly Currency NZD = new("NZD", 554, 2, "New Zealand Dollar");

    /// <summary>Rial Omani (OMR, 512; 3 minor-unit digits).</summary>
    public static readonly Currency OMR = new("OMR", 512, 3, "Rial Omani");

    /// <summary>Balboa (PAB, 590; 2 minor-unit digits).</summary>
    public static readonly Currency PAB = new("PAB", 590, 2, "Balboa");

    /// <summary>Sol (PEN, 604; 2 minor-unit digits).</summary>
    public static readonly Currency PEN = new("PEN", 604, 2, "Sol");

    /// <summary>Kina (PGK, 598; 2 minor-unit digits).</summary>
    public static readonly Currency PGK = new("PGK", 598, 2, "Kina");

    /// <summary>Philippine Peso (PHP, 608; 2 minor-unit digits).</summary>
    public static readonly Currency PHP = new("PHP", 608, 2, "Philippine Peso");

    /// <summary>Pakistan Rupee (PKR, 586; 2 minor-unit digits).</summary>
    public static readonly Currency PKR = new("PKR", 586, 2, "Pakistan Rupee");

    /// <summary>Zloty (PLN, 985; 2 minor-unit digits).</summary>
    public static readonly Currency PLN = new("PLN", 985, 2, "Zloty");

    /// <summary>Guarani (PYG, 600; 0 minor-unit digits).</summary>
    public static readonly Currency PYG = new("PYG", 600, 0, "Guarani");

    /// <summary>Qatari Rial (QAR, 634; 2 minor-unit digits).</summary>
    public static readonly Currency QAR = new("QAR", 634, 2, "Qatari Rial");

    /// <summary>Romanian Leu (RON, 946; 2 minor-unit digits).</summary>
    public static readonly Currency RON = new("RON", 946, 2, "Romanian Leu");

    /// <summary>Serbian Dinar (RSD, 941; 2 minor-unit digits).</summary>
    public static readonly Currency RSD = new("RSD", 941, 2, "Serbian Dinar");

    /// <summary>Russian Ruble (RUB, 643; 2 minor-unit digits).</summary>
    public static readonly Currency RUB = new("RUB", 643, 2, "Russian Ruble");

    /// <summary>Rwanda Franc (RWF, 646; 0 minor-unit digits).</summary>
    public static readonly Currency RWF = new("RWF", 646, 0, "Rwanda Franc");

    /// <summary>Saudi Riyal (SAR, 682; 2 minor-unit digits).</summary>
    public static readonly Currency SAR = new("SAR", 682, 2, "Saudi Riyal");

    /// <summary>Solomon Islands Dollar (SBD, 090; 2 minor-unit digits).</summary>
    public static readonly Currency SBD = new("SBD", 90, 2, "Solomon Islands Dollar");

    /// <summary>Seychelles Rupee (SCR, 690; 2 minor-unit digits).</summary>
    public static readonly Currency SCR = new("SCR", 690, 2, "Seychelles Rupee");

    /// <summary>Sudanese Pound (SDG, 938; 2 minor-unit digits).</summary>
    public static readonly Currency SDG = new("SDG", 938, 2, "Sudanese Pound");

    /// <summary>Swedish Krona (SEK, 752; 2 minor-unit digits).</summary>
    public static readonly Currency SEK = new("SEK", 752, 2, "Swedish Krona");

    /// <summary>Singapore Dollar (SGD, 702; 2 minor-unit digits).</summary>
    public static readonly Currency SGD = new("SGD", 702, 2, "Singapore Dollar");

    /// <summary>Saint Helena Pound (SHP, 654; 2 minor-unit digits).</summary>
    public static readonly Currency SHP = new("SHP", 654, 2, "Saint Helena Pound");

    /// <summary>Leone (SLE, 925; 2 minor-unit digits).</summary>
    public static readonly Currency SLE = new("SLE", 925, 2, "Leone");

    /// <summary>Somali Shilling (SOS, 706; 2 minor-unit digits).</summary>
    public static readonly Currency SOS = new("SOS", 706, 2, "Somali Shilling");

    /// <summary>Surinam Dollar (SRD, 968; 2 minor-unit digits).</summary>
    public static readonly Currency SRD = new("SRD", 968, 2, "Surinam Dollar");

    /// <summary>South Sudanese Pound (SSP, 728; 2 minor-unit digits).</summary>
    public static readonly Currency SSP = new("SSP", 728, 2, "South Sudanese Pound");

    /// <summary>Dobra (STN, 930; 2 minor-unit digits).</summary>
    public static readonly Currency STN = new("STN", 930, 2, "Dobra");

    /// <summary>El Salvador Colon (SVC, 222; 2 minor-unit digits).</summary>
    public static readonly Currency SVC = new("SVC", 222, 2, "El Salvador Colon");

    /// <summary>Syrian Pound (SYP, 760; 2 minor-unit digits).</summary>
    public static readonly Currency SYP = new("SYP", 760, 2, "Syrian Pound");

    /// <summary>Lilangeni (SZL, 748; 2 minor-unit digits).</summary>
    public static readonly Currency SZL = new("SZL", 748, 2, "Lilangeni");

    /// <summary>Baht (THB, 764; 2 minor-unit digits).</summary>
    public static readonly Currency THB = new("THB", 764, 2, "Baht");

    /// <summary>Somoni (TJS, 972; 2 minor-unit digits).</summary>
    public static readonly Currency TJS = new("TJS", 972, 2, "Somoni");

    /// <summary>Turkmenistan New Manat (TMT, 934; 2 minor-unit digits).</summary>
    public static readonly Currency TMT = new("TMT", 934, 2, "Turkmenistan New Manat");

    /// <summary>Tunisian Dinar (TND, 788; 3 minor-unit digits).</summary>
    public static readonly Currency TND = new("TND", 788, 3, "Tunisian Dinar");

    /// <summary>Pa’anga (TOP, 776; 2 minor-unit digits).</summary>
    public static readonly Currency TOP = new("TOP", 776, 2, "Pa’anga");

    /// <summary>Turkish Lira (TRY, 949; 2 minor-unit digits).</summary>
    public static readonly Currency TRY = new("TRY", 949, 2, "Turkish Lira");

    /// <summary>Trinidad and Tobago Dollar (TTD, 780; 2 minor-unit digits).</summary>
    public static readonly Currency TTD = new("TTD", 780, 2, "Trinidad and Tobago Dollar");

    /// <summary>New Taiwan Dollar (TWD, 901; 2 minor-unit digits).</summary>
    public static readonly Currency TWD = new("TWD", 901, 2, "New Taiwan Dollar");

    /// <summary>Tanzanian Shilling (TZS, 834; 2 minor-unit digits).</summary>
    public static readonly Currency TZS = new("TZS", 834, 2, "Tanzanian Shilling");

    /// <summary>Hryvnia (UAH, 980; 2 minor-unit digits).</summary>
    public static readonly Currency UAH = new("UAH", 980, 2, "Hryvnia");

    /// <summary>Uganda Shilling (UGX, 800; 0 minor-unit digits).</summary>
    public static readonly Currency UGX = new("UGX", 800, 0, "Uganda Shilling");

    /// <summary>US Dollar (USD, 840; 2 minor-unit digits).</summary>
    public static readonly Currency USD = new("USD", 840, 2, "US Dollar");

    /// <summary>US Dollar (Next day) (USN, 997; 2 minor-unit digits).</summary>
    public static readonly Currency USN = new("USN", 997, 2, "US Dollar (Next day)");

    /// <summary>Uruguay Peso en Unidades Indexadas (UI) (UYI, 940; 0 minor-unit digits).</summary>
    public static readonly Currency UYI = new("UYI", 940, 0, "Uruguay Peso en Unidades Indexadas (UI)");

    /// <summary>Peso Uruguayo (UYU, 858; 2 minor-unit digits).</summary>
    public static readonly Currency UYU = new("UYU", 858, 2, "Peso Uruguayo");

    /// <summary>Unidad Previsional (UYW, 927; 4 minor-unit digits).</summary>
    public static readonly Currency UYW = new("UYW", 927, 4, "Unidad Previsional");

    /// <summary>Uzbekistan Sum (UZS, 860; 2 minor-unit digits).</summary>
    public static readonly Currency UZS = new("UZS", 860, 2, "Uzbekistan Sum");

    /// <summary>Bolívar Soberano (VED, 926; 2 minor-unit digits).</summary>
    public static readonly Currency VED = new("VED", 926, 2, "Bolívar Soberano");

    /// <summary>Bolívar Soberano (VES, 928; 2 minor-unit digits).</summary>
    public static readonly Currency VES = new("VES", 928, 2, "Bolívar Soberano");

    /// <summary>Dong (VND, 704; 0 minor-unit digits).</summary>
    public static readonly Currency VND = new("VND", 704, 0, "Dong");

    /// <summary>Vatu (VUV, 548; 0 minor-unit digits).</summary>
    public static readonly Currency VUV = new("VUV", 548, 0, "Vatu");

    /// <summary>Tala (WST, 882; 2 minor-unit digits).</summary>
    public static readonly Currency WST = new("WST", 882, 2, "Tala");

    /// <summary>CFA Franc BEAC (XAF, 950; 0 minor-unit digits).</summary>
    public static readonly Currency XAF = new("XAF", 950, 0, "CFA Franc BEAC");

    /// <summary>Silver (XAG, 961; no minor unit).</summary>
    public static readonly Currency XAG = new("XAG", 961, null, "Silver");

    /// <summary>Gold (XAU, 959; no minor unit).</summary>
    public static readonly Currency XAU = new("XAU", 959, null, "Gold");

    /// <summary>Bond Markets Unit European Composite Unit (EURCO) (XBA, 955; no minor unit).</summary>
    public static readonly Currency XBA = new("XBA", 955, null, "Bond Markets Unit European Composite Unit (EURCO)");

    /// <summary>Bond Markets Unit European Monetary Unit (E.M.U.-6) (XBB, 956; no minor unit).</summary>
    public static readonly Currency XBB = new("XBB", 956, null, "Bond Markets Unit European Monetary Unit (E.M.U.-6)");

    /// <summary>Bond Markets Unit European Unit of Account 9 (E.U.A.-9) (XBC, 957; no minor unit).</summary>
    public static readonly Currency XBC = new("XBC", 957, null, "Bond Markets Unit European Unit of Account 9 (E.U.A.-9)");

    /// <summary>Bond Markets Unit European Unit of Account 17 (E.U.A.-17) (XBD, 958; no minor unit).</summary>
    public static readonly Currency XBD = new("XBD", 958, null, "Bond Markets Unit European Unit of Account 17 (E.U.A.-17)");

    /// <summary>East Caribbean Dollar (XCD, 951; 2 minor-unit digits).</summary>
    public static readonly Currency XCD = new("XCD", 951, 2, "East Caribbean Dollar");

    /// <summary>Caribbean Guilder (XCG, 532; 2 minor-unit digits).</summary>
    public static readonly Currency XCG = new("XCG", 532, 2, "Caribbean Guilder");

    /// <summary>SDR (Special Drawing Right) (XDR, 960; no minor unit).</summary>
    public static readonly Currency XDR = new("XDR", 960, null, "SDR (Special Drawing Right)");

    /// <summary>CFA Franc BCEAO (XOF, 952; 0 minor-unit digits).</summary>
    public static readonly Currency XOF = new("XOF", 952, 0, "CFA Franc BCEAO");

    /// <summary>Palladium (XPD, 964; no minor unit).</summary>
    public static readonly Currency XPD = new("XPD", 964, null, "Palladium");

    /// <summary>CFP Franc (XPF, 953; 0 minor-unit digits).</summary>
    public static readonly Currency XPF = new("XPF", 953, 0, "CFP Franc");

    /// <summary>Platinum (XPT, 962; no minor unit).</summary>
    public static readonly Currency XPT = new("XPT", 962, null, "Platinum");

    /// <summary>Sucre (XSU, 994; no minor unit).</summary>
    public static readonly Currency XSU = new("XSU", 994, null, "Sucre");

    /// <summary>Codes specifically reserved for testing purposes (XTS, 963; no minor unit).</summary>
    public static readonly Currency XTS = new("XTS", 963, null, "Codes specifically reserved for testing purposes");

    /// <summary>ADB Unit of Account (XUA, 965; no minor unit).</summary>
    public static readonly Currency XUA = new("XUA", 965, null, "ADB Unit of Account");

    /// <summary>The codes assigned for transactions where no currency is involved (XXX, 999; no minor unit).</summary>
    public static readonly Currency XXX = new("XXX", 999, null, "The codes assigned for transactions where no currency is involved");

    /// <summary>Yemeni Rial (YER, 886; 2 minor-unit digits).</summary>
    public static readonly Currency YER = new("YER", 886, 2, "Yemeni Rial");

    /// <summary>Rand (ZAR, 710; 2 minor-unit digits).</summary>
    public static readonly Currency ZAR = new("ZAR", 710, 2, "Rand");

    /// <summary>Zambian Kwacha (ZMW, 967; 2 minor-unit digits).</summary>
    public static readonly Currency ZMW = new("ZMW", 967, 2, "Zambian Kwacha");

    /// <summary>Zimbabwe Gold (ZWG, 924; 2 minor-unit digits).</summary>
    public static readonly Currency ZWG = new("ZWG", 924, 2, "Zimbabwe Gold");
}
