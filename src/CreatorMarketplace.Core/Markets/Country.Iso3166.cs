namespace CreatorMarketplace;

public sealed partial class Country
{
    /// <summary>Andorra (AD, AND, 020).</summary>
    public static readonly Country AD = new("AD", "AND", 20, "Andorra");

    /// <summary>United Arab Emirates (AE, ARE, 784).</summary>
    public static readonly Country AE = new("AE", "ARE", 784, "United Arab Emirates");

    /// <summary>Afghanistan (AF, AFG, 004).</summary>
    public static readonly Country AF = new("AF", "AFG", 4, "Afghanistan");

    /// <summary>Antigua and Barbuda (AG, ATG, 028).</summary>
    public static readonly Country AG = new("AG", "ATG", 28, "Antigua and Barbuda");

    /// <summary>Anguilla (AI, AIA, 660).</summary>
    public static readonly Country AI = new("AI", "AIA", 660, "Anguilla");

    /// <summary>Albania (AL, ALB, 008).</summary>
    public static readonly Country AL = new("AL", "ALB", 8, "Albania");

    /// <summary>Armenia (AM, ARM, 051).</summary>
    public static readonly Country AM = new("AM", "ARM", 51, "Armenia");

    /// <summary>Angola (AO, AGO, 024).</summary>
    public static readonly Country AO = new("AO", "AGO", 24, "Angola");

    /// <summary>Antarctica (AQ, ATA, 010).</summary>
    public static readonly Country AQ = new("AQ", "ATA", 10, "Antarctica");

    /// <summary>Argentina (AR, ARG, 032).</summary>
    public static readonly Country AR = new("AR", "ARG", 32, "Argentina");

    /// <summary>American Samoa (AS, ASM, 016).</summary>
    public static readonly Country AS = new("AS", "ASM", 16, "American Samoa");

    /// <summary>Austria (AT, AUT, 040).</summary>
    public static readonly Country AT = new("AT", "AUT", 40, "Austria");

    /// <summary>Australia (AU, AUS, 036).</summary>
    public static readonly Country AU = new("AU", "AUS", 36, "Australia");

    /// <summary>Aruba (AW, ABW, 533).</summary>
    public static readonly Country AW = new("AW", "ABW", 533, "Aruba");

    /// <summary>Åland Islands (AX, ALA, 248).</summary>
    public static readonly Country AX = new("AX", "ALA", 248, "Åland Islands");

    /// <summary>Azerbaijan (AZ, AZE, 031).</summary>
    public static readonly Country AZ = new("AZ", "AZE", 31, "Azerbaijan");

    /// <summary>Bosnia and Herzegovina (BA, BIH, 070).</summary>
    public static readonly Country BA = new("BA", "BIH", 70, "Bosnia and Herzegovina");

    /// <summary>Barbados (BB, BRB, 052).</summary>
    public static readonly Country BB = new("BB", "BRB", 52, "Barbados");

    /// <summary>Bangladesh (BD, BGD, 050).</summary>
    public static readonly Country BD = new("BD", "BGD", 50, "Bangladesh");

    /// <summary>Belgium (BE, BEL, 056).</summary>
    public static readonly Country BE = new("BE", "BEL", 56, "Belgium");

    /// <summary>Burkina Faso (BF, BFA, 854).</summary>
    public static readonly Country BF = new("BF", "BFA", 854, "Burkina Faso");

    /// <summary>Bulgaria (BG, BGR, 100).</summary>
    public static readonly Country BG = new("BG", "BGR", 100, "Bulgaria");

    /// <summary>Bahrain (BH, BHR, 048).</summary>
    public static readonly Country BH = new("BH", "BHR", 48, "Bahrain");

    /// <summary>Burundi (BI, BDI, 108).</summary>
    public static readonly Country BI = new("BI", "BDI", 108, "Burundi");

    /// <summary>Benin (BJ, BEN, 204).</summary>
    public static readonly Country BJ = new("BJ", "BEN", 204, "Benin");

    /// <summary>Saint Barthélemy (BL, BLM, 652).</summary>
    public static readonly Country BL = new("BL", "BLM", 652, "Saint Barthélemy");

    /// <summary>Bermuda (BM, BMU, 060).</summary>
    public static readonly Country BM = new("BM", "BMU", 60, "Bermuda");

    /// <summary>Brunei Darussalam (BN, BRN, 096).</summary>
    public static readonly Country BN = new("BN", "BRN", 96, "Brunei Darussalam");

    /// <summary>Bolivia, Plurinational State of (BO, BOL, 068).</summary>
    public static readonly Country BO = new("BO", "BOL", 68, "Bolivia, Plurinational State of");

    /// <summary>Bonaire, Sint Eustatius and Saba (BQ, BES, 535).</summary>
    public static readonly Country BQ = new("BQ", "BES", 535, "Bonaire, Sint Eustatius and Saba");

    /// <summary>Brazil (BR, BRA, 076).</summary>
    public static readonly Country BR = new("BR", "BRA", 76, "Brazil");

    /// <summary>Bahamas (BS, BHS, 044).</summary>
    public static readonly Country BS = new("BS", "BHS", 44, "Bahamas");

    /// <summary>Bhutan (BT, BTN, 064).</summary>
    public static readonly Country BT = new("BT", "BTN", 64, "Bhutan");

    /// <summary>Bouvet Island (BV, BVT, 074).</summary>
    public static readonly Country BV = new("BV", "BVT", 74, "Bouvet Island");

    /// <summary>Botswana (BW, BWA, 072).</summary>
    public static readonly Country BW = new("BW", "BWA", 72, "Botswana");

    /// <summary>Belarus (BY, BLR, 112).</summary>
    public static readonly Country BY = new("BY", "BLR", 112, "Belarus");

    /// <summary>Belize (BZ, BLZ, 084).</summary>
    public static readonly Country BZ = new("BZ", "BLZ", 84, "Belize");

    /// <summary>Canada (CA, CAN, 124).</summary>
    public static readonly Country CA = new("CA", "CAN", 124, "Canada");

    /// <summary>Cocos (Keeling) Islands (CC, CCK, 166).</summary>
    public static readonly Country CC = new("CC", "CCK", 166, "Cocos (Keeling) Islands");

    /// <summary>Congo, The Democratic Republic of the (CD, COD, 180).</summary>
    public static readonly Country CD = new("CD", "COD", 180, "Congo, The Democratic Republic of the");

    /// <summary>Central African Republic (CF, CAF, 140).</summary>
    public static readonly Country CF = new("CF", "CAF", 140, "Central African Republic");

    /// <summary>Congo (CG, COG, 178).</summary>
    public static readonly Country CG = new("CG", "COG", 178, "Congo");

    /// <summary>Switzerland (CH, CHE, 756).</summary>
    public static readonly Country CH = new("CH", "CHE", 756, "Switzerland");

    /// <summary>Côte d'Ivoire (CI, CIV, 384).</summary>
    public static readonly Country CI = new("CI", "CIV", 384, "Côte d'Ivoire");

    /// <summary>Cook Islands (CK, COK, 184).</summary>
    public static readonly Country CK = new("CK", "COK", 184, "Cook Islands");

    /// <summary>Chile (CL, CHL, 152).</summary>
    public static readonly Country CL = new("CL", "CHL", 152, "Chile");

    /// <summary>Cameroon (CM, CMR, 120).</summary>
    public static readonly Country CM = new("CM", "CMR", 120, "Cameroon");

    /// <summary>China (CN, CHN, 156).</summary>
    public static readonly Country CN = new("CN", "CHN", 156, "China");

    /// <summary>Colombia (CO, COL, 170).</summary>
    public static readonly Country CO = new("CO", "COL", 170, "Colombia");

    /// <summary>Costa Rica (CR, CRI, 188).</summary>
    public static readonly Country CR = new("CR", "CRI", 188, "Costa Rica");

    /// <summary>Cuba (CU, CUB, 192).</summary>
    public static readonly Country CU = new("CU", "CUB", 192, "Cuba");

    /// <summary>Cabo Verde (CV, CPV, 132).</summary>
    public static readonly Country CV = new("CV", "CPV", 132, "Cabo Verde");

    /// <summary>Curaçao (CW, CUW, 531).</summary>
    public static readonly Country CW = new("CW", "CUW", 531, "Curaçao");

    /// <summary>Christmas Island (CX, CXR, 162).</summary>
    public static readonly Country CX = new("CX", "CXR", 162, "Christmas Island");

    /// <summary>Cyprus (CY, CYP, 196).</summary>
    public static readonly Country CY = new("CY", "CYP", 196, "Cyprus");

    /// <summary>Czechia (CZ, CZE, 203).</summary>
    public static readonly Country CZ = new("CZ", "CZE", 203, "Czechia");

    /// <summary>Germany (DE, DEU, 276).</summary>
    public static readonly Country DE = new("DE", "DEU", 276, "Germany");

    /// <summary>Djibouti (DJ, DJI, 262).</summary>
    public static readonly Country DJ = new("DJ", "DJI", 262, "Djibouti");

    /// <summary>Denmark (DK, DNK, 208).</summary>
    public static readonly Country DK = new("DK", "DNK", 208, "Denmark");

    /// <summary>Dominica (DM, DMA, 212).</summary>
    public static readonly Country DM = new("DM", "DMA", 212, "Dominica");

    /// <summary>Dominican Republic (DO, DOM, 214).</summary>
    public static readonly Country DO = new("DO", "DOM", 214, "Dominican Republic");

    /// <summary>Algeria (DZ, DZA, 012).</summary>
    public static readonly Country DZ = new("DZ", "DZA", 12, "Algeria");

    /// <summary>Ecuador (EC, ECU, 218).</summary>
    public static readonly Country EC = new("EC", "ECU", 218, "Ecuador");

    /// <summary>Estonia (EE, EST, 233).</summary>
    public static readonly Country EE = new("EE", "EST", 233, "Estonia");

    /// <summary>Egypt (EG, EGY, 818).</summary>
    public static readonly Country EG = new("EG", "EGY", 818, "Egypt");

    /// <summary>Western Sahara (EH, ESH, 732).</summary>
    public static readonly Country EH = new("EH", "ESH", 732, "Western Sahara");

    /// <summary>Eritrea (ER, ERI, 232).</summary>
    public static readonly Country ER = new("ER", "ERI", 232, "Eritrea");

    /// <summary>Spain (ES, ESP, 724).</summary>
    public static readonly Country ES = new("ES", "ESP", 724, "Spain");

    /// <summary>Ethiopia (ET, ETH, 231).</summary>
    public static readonly Country ET = new("ET", "ETH", 231, "Ethiopia");

    /// <summary>Finland (FI, FIN, 246).</summary>
    public static readonly Country FI = new("FI", "FIN", 246, "Finland");

    /// <summary>Fiji (FJ, FJI, 242).</summary>
    public static readonly Country FJ = new("FJ", "FJI", 242, "Fiji");

    /// <summary>Falkland Islands (Malvinas) (FK, FLK, 238).</summary>
    public static readonly Country FK = new("FK", "FLK", 238, "Falkland Islands (Malvinas)");

    /// <summary>Micronesia, Federated States of (FM, FSM, 583).</summary>
    public static readonly Country FM = new("FM", "FSM", 583, "Micronesia, Federated States of");

    /// <summary>Faroe Islands (FO, FRO, 234).</summary>
    public static readonly Country FO = new("FO", "FRO", 234, "Faroe Islands");

    /// <summary>France (FR, FRA, 250).</summary>
    public static readonly Country FR = new("FR", "FRA", 250, "France");

    /// <summary>Gabon (GA, GAB, 266).</summary>
    public static readonly Country GA = new("GA", "GAB", 266, "Gabon");

    /// <summary>United Kingdom (GB, GBR, 826).</summary>
    public static readonly Country GB = new("GB", "GBR", 826, "United Kingdom");

    /// <summary>Grenada (GD, GRD, 308).</summary>
    public static readonly Country GD = new("GD", "GRD", 308, "Grenada");

    /// <summary>Georgia (GE, GEO, 268).</summary>
    public static readonly Country GE = new("GE", "GEO", 268, "Georgia");

    /// <summary>French Guiana (GF, GUF, 254).</summary>
    public static readonly Country GF = new("GF", "GUF", 254, "French Guiana");

    /// <summary>Guernsey (GG, GGY, 831).</summary>
    public static readonly Country GG = new("GG", "GGY", 831, "Guernsey");

    /// <summary>Ghana (GH, GHA, 288).</summary>
    public static readonly Country GH = new("GH", "GHA", 288, "Ghana");

    /// <summary>Gibraltar (GI, GIB, 292).</summary>
    public static readonly Country GI = new("GI", "GIB", 292, "Gibraltar");

    /// <summary>Greenland (GL, GRL, 304).</summary>
    public static readonly Country GL = new("GL", "GRL", 304, "Greenland");

    /// <summary>Gambia (GM, GMB, 270).</summary>
    public static readonly Country GM = new("GM", "GMB", 270, "Gambia");

    /// <summary>Guinea (GN, GIN, 324).</summary>
    public static readonly Country GN = new("GN", "GIN", 324, "Guinea");

    /// <summary>Guadeloupe (GP, GLP, 312).</summary>
    public static readonly Country GP = new("GP", "GLP", 312, "Guadeloupe");

    /// <summary>Equatorial Guinea (GQ, GNQ, 226).</summary>
    public static readonly Country GQ = new("GQ", "GNQ", 226, "Equatorial Guinea");

    /// <summary>Greece (GR, GRC, 300).</summary>
    public static readonly Country GR = new("GR", "GRC", 300, "Greece");

    /// <summary>South Georgia and the South Sandwich Islands (GS, SGS, 239).</summary>
    public static readonly Country GS = new("GS", "SGS", 239, "South Georgia and the South Sandwich Islands");

    /// <summary>Guatemala (GT, GTM, 320).</summary>
    public static readonly Country GT = new("GT", "GTM", 320, "Guatemala");

    /// <summary>Guam (GU, GUM, 316).</summary>
    public static readonly Country GU = new("GU", "GUM", 316, "Guam");

    /// <summary>Guinea-Bissau (GW, GNB, 624).</summary>
    public static readonly Country GW = new("GW", "GNB", 624, "Guinea-Bissau");

    /// <summary>Guyana (GY, GUY, 328).</summary>
    public static readonly Country GY = new("GY", "GUY", 328, "Guyana");

    /// <summary>Hong Kong (HK, HKG, 344).</summary>
    public static readonly Country HK = new("HK", "HKG", 344, "Hong Kong");

    /// <summary>Heard Island and McDonald Islands (HM, HMD, 334).</summary>
    public static readonly Country HM = new("HM", "HMD", 334, "Heard Island and McDonald Islands");

    /// <summary>Honduras (HN, HND, 340).</summary>
    public static readonly Country HN = new("HN", "HND", 340, "Honduras");

    /// <summary>Croatia (HR, HRV, 191).</summary>
    public static readonly Country HR = new("HR", "HRV", 191, "Croatia");

    /// <summary>Haiti (HT, HTI, 332).</summary>
    public static readonly Country HT = new("HT", "HTI", 332, "Haiti");

    /// <summary>Hungary (HU, HUN, 348).</summary>
    public static readonly Country HU = new("HU", "HUN", 348, "Hungary");

    /// <summary>Indonesia (ID, IDN, 360).</summary>
    public static readonly Country ID = new("ID", "IDN", 360, "Indonesia");

    /// <summary>Ireland (IE, IRL, 372).</summary>
    public static readonly Country IE = new("IE", "IRL", 372, "Ireland");

    /// <summary>Israel (IL, ISR, 376).</summary>
    public static readonly Country IL = new("IL", "ISR", 376, "Israel");

    /// <summary>Isle of Man (IM, IMN, 833).</summary>
    public static readonly Country IM = new("IM", "IMN", 833, "Isle of Man");

    /// <summary>India (IN, IND, 356).</summary>
    public static readonly Country IN = new("IN", "IND", 356, "India");

    /// <summary>British Indian Ocean Territory (IO, IOT, 086).</summary>
    public static readonly Country IO = new("IO", "IOT", 86, "British Indian Ocean Territory");

    /// <summary>Iraq (IQ, IRQ, 368).</summary>
    public static readonly Country IQ = new("IQ", "IRQ", 368, "Iraq");

    /// <summary>Iran, Islamic Republic of (IR, IRN, 364).</summary>
    public static readonly Country IR = new("IR", "IRN", 364, "Iran, Islamic Republic of");

    /// <summary>Iceland (IS, ISL, 352).</summary>
    public static readonly Country IS = new("IS", "ISL", 352, "Iceland");

    /// <summary>Italy (IT, ITA, 380).</summary>
    public static readonly Country IT = new("IT", "ITA", 380, "Italy");

    /// <summary>Jersey (JE, JEY, 832).</summary>
    public static readonly Country JE = new("JE", "JEY", 832, "Jersey");

    /// <summary>Jamaica (JM, JAM, 388).</summary>
    public static readonly Country JM = new("JM", "JAM", 388, "Jamaica");

    /// <summary>Jordan (JO, JOR, 400).</summary>
    public static readonly Country JO = new("JO", "JOR", 400, "Jordan");

    /// <summary>Japan (JP, JPN, 392).</summary>
    public static readonly Country JP = new("JP", "JPN", 392, "Japan");

    /// <summary>Kenya (KE, KEN, 404).</summary>
    public static readonly Country KE = new("KE", "KEN", 404, "Kenya");

    /// <summary>Kyrgyzstan (KG, KGZ, 417).</summary>
    public static readonly Country KG = new("KG", "KGZ", 417, "Kyrgyzstan");

    /// <summary>Cambodia (KH, KHM, 116).</summary>
    public static readonly Country KH = new("KH", "KHM", 116, "Cambodia");

    /// <summary>Kiribati (KI, KIR, 296).</summary>
    public static readonly Country KI = new("KI", "KIR", 296, "Kiribati");

    /// <summary>Comoros (KM, COM, 174).</summary>
    public static readonly Country KM = new("KM", "COM", 174, "Comoros");

    /// <summary>Saint Kitts and Nevis (KN, KNA, 659).</summary>
    public static readonly Country KN = new("KN", "KNA", 659, "Saint Kitts and Nevis");

    /// <summary>Korea, Democratic People's Republic of (KP, PRK, 408).</summary>
    public static readonly Country KP = new("KP", "PRK", 408, "Korea, Democratic People's Republic of");

    /// <summary>Korea, Republic of (KR, KOR, 410).</summary>
    public static readonly Country KR = new("KR", "KOR", 410, "Korea, Republic of");

    /// <summary>Kuwait (KW, KWT, 414).</summary>
    public static readonly Country KW = new("KW", "KWT", 414, "Kuwait");

    /// <summary>Cayman Islands (KY, CYM, 136).</summary>
    public static readonly Country KY = new("KY", "CYM", 136, "Cayman Islands");

    /// <summary>Kazakhstan (KZ, KAZ, 398).</summary>
    public static readonly Country KZ = new("KZ", "KAZ", 398, "Kazakhstan");

    /// <summary>Lao People's Democratic Republic (LA, LAO, 418).</summary>
    public static readonly Country LA = new("LA", "LAO", 418, "Lao People's Democratic Republic");

    /// <summary>Lebanon (LB, LBN, 422).</summary>
    public static readonly Country LB = new("LB", "LBN", 422, "Lebanon");

    /// <summary>Saint Lucia (LC, LCA, 662).</summary>
    public static readonly Country LC = new("LC", "LCA", 662, "Saint Lucia");

    /// <summary>Liechtenstein (LI, LIE, 438).</summary>
    public static readonly Country LI = new("LI", "LIE", 438, "Liechtenstein");

    /// <summary>Sri Lanka (LK, LKA, 144).</summary>
    public static readonly Country LK = new("LK", "LKA", 144, "Sri Lanka");

    /// <summary>Liberia (LR, LBR, 430).</summary>
    public static readonly Country LR = new("LR", "LBR", 430, "Liberia");

    /// <summary>Lesotho (LS, LSO, 426).</summary>
    public static readonly Country LS = new("LS", "LSO", 426, "Lesotho");

    /// <summary>Lithuania (LT, LTU, 440).</summary>
    public static readonly Country LT = new("LT", "LTU", 440, "Lithuania");

    /// <summary>Luxembourg (LU, LUX, 442).</summary>
    public static readonly Country LU = new("LU", "LUX", 442, "Luxembourg");

    /// <summary>Latvia (LV, LVA, 428).</summary>
    public static readonly Country LV = new("LV", "LVA", 428, "Latvia");

    /// <summary>Libya (LY, LBY, 434).</summary>
    public static readonly Country LY = new("LY", "LBY", 434, "Libya");

    /// <summary>Morocco (MA, MAR, 504).</summary>
    public static readonly Country MA = new("MA", "MAR", 504, "Morocco");

    /// <summary>Monaco (MC, MCO, 492).</summary>
    public static readonly Country MC = new("MC", "MCO", 492, "Monaco");

    /// <summary>Moldova, Republic of (MD, MDA, 498).</summary>
    public static readonly Country MD = new("MD", "MDA", 498, "Moldova, Republic of");

    /// <summary>Montenegro (ME, MNE, 499).</summary>
    public static readonly Country ME = new("ME", "MNE", 499, "Montenegro");

    /// <summary>Saint Martin (French part) (MF, MAF, 663).</summary>
    public static readonly Country MF = new("MF", "MAF", 663, "Saint Martin (French part)");

    /// <summary>Madagascar (MG, MDG, 450).</summary>
    public static readonly Country MG = new("MG", "MDG", 450, "Madagascar");

    /// <summary>Marshall Islands (MH, MHL, 584).</summary>
    public static readonly Country MH = new("MH", "MHL", 584, "Marshall Islands");

    /// <summary>North Macedonia (MK, MKD, 807).</summary>
    public static readonly Country MK = new("MK", "MKD", 807, "North Macedonia");

    /// <summary>Mali (ML, MLI, 466).</summary>
    public static readonly Country ML = new("ML", "MLI", 466, "Mali");

    /// <summary>Myanmar (MM, MMR, 104).</summary>
    public static readonly Country MM = new("MM", "MMR", 104, "Myanmar");

    /// <summary>Mongolia (MN, MNG, 496).</summary>
    public static readonly Country MN = new("MN", "MNG", 496, "Mongolia");

    /// <summary>Macao (MO, MAC, 446).</summary>
    public static readonly Country MO = new("MO", "MAC", 446, "Macao");

    /// <summary>Northern Mariana Islands (MP, MNP, 580).</summary>
    public static readonly Country MP = new("MP", "MNP", 580, "Northern Mariana Islands");

    /// <summary>Martinique (MQ, MTQ, 474).</summary>
    public static readonly Country MQ = new("MQ", "MTQ", 474, "Martinique");

    /// <summary>Mauritania (MR, MRT, 478).</summary>
    public static readonly Country MR = new("MR", "MRT", 478, "Mauritania");

    /// <summary>Montserrat (MS, MSR, 500).</summary>
    public static readonly Country MS = new("MS", "MSR", 500, "Montserrat");

    /// <summary>Malta (MT, MLT, 470).</summary>
    public static readonly Country MT = new("MT", "MLT", 470, "Malta");

    /// <summary>Mauritius (MU, MUS, 480).</summary>
    public static readonly Country MU = new("MU", "MUS", 480, "Mauritius");

    /// <summary>Maldives (MV, MDV, 462).</summary>
    public static readonly Country MV = new("MV", "MDV", 462, "Maldives");

    /// <summary>Malawi (MW, MWI, 454).</summary>
    public static readonly Country MW = new("MW", "MWI", 454, "Malawi");

    /// <summary>Mexico (MX, MEX, 484).</summary>
    public static readonly Country MX = new("MX", "MEX", 484, "Mexico");

    /// <summary>Malaysia (MY, MYS, 458).</summary>
    public static readonly Country MY = new("MY", "MYS", 458, "Malaysia");

    /// <summary>Mozambique (MZ, MOZ, 508).</summary>
    public static readonly Country MZ = new("MZ", "MOZ", 508, "Mozambique");

    /// <summary>Namibia (NA, NAM, 516).</summary>
    public static readonly Country NA = new("NA", "NAM", 516, "Namibia");

    /// <summary>New Caledonia (NC, NCL, 540).</summary>
    public static readonly Country NC = new("NC", "NCL", 540, "New Caledonia");

    /// <summary>Niger (NE, NER, 562).</summary>
    public static readonly Country NE = new("NE", "NER", 562, "Niger");

    /// <summary>Norfolk Island (NF, NFK, 574).</summary>
    public static readonly Country NF = new("NF", "NFK", 574, "Norfolk Island");

    /// <summary>Nigeria (NG, NGA, 566).</summary>
    public static readonly Country NG = new("NG", "NGA", 566, "Nigeria");

    /// <summary>Nicaragua (NI, NIC, 558).</summary>
    public static readonly Country NI = new("NI", "NIC", 558, "Nicaragua");

    /// <summary>Netherlands (NL, NLD, 528).</summary>
    public static readonly Country NL = new("NL", "NLD", 528, "Netherlands");

    /// <summary>Norway (NO, NOR, 578).</summary>
    public static readonly Country NO = new("NO", "NOR", 578, "Norway");

    /// <summary>Nepal (NP, NPL, 524).</summary>
    public static readonly Country NP = new("NP", "NPL", 524, "Nepal");

    /// <summary>Nauru (NR, NRU, 520).</summary>
    public static readonly Country NR = new("NR", "NRU", 520, "Nauru");

    /// <summary>Niue (NU, NIU, 570).</summary>
    public static readonly Country NU = new("NU", "NIU", 570, "Niue");

    /// <summary>New Zealand (NZ, NZL, 554).</summary>
    public static readonly Country NZ = new("NZ", "NZL", 554, "New Zealand");

    /// <summary>Oman (OM, OMN, 512).</summary>
    public static readonly Country OM = new("OM", "OMN", 512, "Oman");

    /// <summary>Panama (PA, PAN, 591).</summary>
    public static readonly Country PA = new("PA", "PAN", 591, "Panama");

    /// <summary>Peru (PE, PER, 604).</summary>
    public static readonly Country PE = new("PE", "PER", 604, "Peru");

    /// <summary>French Polynesia (PF, PYF, 258).</summary>
    public static readonly Country PF = new("PF", "PYF", 258, "French Polynesia");

    /// <summary>Papua New Guinea (PG, PNG, 598).</summary>
    public static readonly Country PG = new("PG", "PNG", 598, "Papua New Guinea");

    /// <summary>Philippines (PH, PHL, 608).</summary>
    public static readonly Country PH = new("PH", "PHL", 608, "Philippines");

    /// <summary>Pakistan (PK, PAK, 586).</summary>
    public static readonly Country PK = new("PK", "PAK", 586, "Pakistan");

    /// <summary>Poland (PL, POL, 616).</summary>
    public static readonly Country PL = new("PL", "POL", 616, "Poland");

    /// <summary>Saint Pierre and Miquelon (PM, SPM, 666).</summary>
    public static readonly Country PM = new("PM", "SPM", 666, "Saint Pierre and Miquelon");

    /// <summary>Pitcairn (PN, PCN, 612).</summary>
    public static readonly Country PN = new("PN", "PCN", 612, "Pitcairn");

    /// <summary>Puerto Rico (PR, PRI, 630).</summary>
    public static readonly Country PR = new("PR", "PRI", 630, "Puerto Rico");

    /// <summary>Palestine, State of (PS, PSE, 275).</summary>
    public static readonly Country PS = new("PS", "PSE", 275, "Palestine, State of");

    /// <summary>Portugal (PT, PRT, 620).</summary>
    public static readonly Country PT = new("PT", "PRT", 620, "Portugal");

    /// <summary>Palau (PW, PLW, 585).</summary>
    public static readonly Country PW = new("PW", "PLW", 585, "Palau");

    /// <summary>Paraguay (PY, PRY, 600).</summary>
    public static readonly Country PY = new("PY", "PRY", 600, "Paraguay");

    /// <summary>Qatar (QA, QAT, 634).</summary>
    public static readonly Country QA = new("QA", "QAT", 634, "Qatar");

    /// <summary>Réunion (RE, REU, 638).</summary>
    public static readonly Country RE = new("RE", "REU", 638, "Réunion");

    /// <summary>Romania (RO, ROU, 642).</summary>
    public static readonly Country RO = new("RO", "ROU", 642, "Romania");

    /// <summary>Serbia (RS, SRB, 688).</summary>
    public static readonly Country RS = new("RS", "SRB", 688, "Serbia");

    /// <summary>Russian Federation (RU, RUS, 643).</summary>
    public static readonly Country RU = new("RU", "RUS", 643, "Russian Federation");

    /// <summary>Rwanda (RW, RWA, 646).</summary>
    public static readonly Country RW = new("RW", "RWA", 646, "Rwanda");

    /// <summary>Saudi Arabia (SA, SAU, 682).</summary>
    public static readonly Country SA = new("SA", "SAU", 682, "Saudi Arabia");

    /// <summary>Solomon Islands (SB, SLB, 090).</summary>
    public static readonly Country SB = new("SB", "SLB", 90, "Solomon Islands");

    /// <summary>Seychelles (SC, SYC, 690).</summary>
    public static readonly Country SC = new("SC", "SYC", 690, "Seychelles");

    /// <summary>Sudan (SD, SDN, 729).</summary>
    public static readonly Country SD = new("SD", "SDN", 729, "Sudan");

    /// <summary>Sweden (SE, SWE, 752).</summary>
    public static readonly Country SE = new("SE", "SWE", 752, "Sweden");

    /// <summary>Singapore (SG, SGP, 702).</summary>
    public static readonly Country SG = new("SG", "SGP", 702, "Singapore");

    /// <summary>Saint Helena, Ascension and Tristan da Cunha (SH, SHN, 654).</summary>
    public static readonly Country SH = new("SH", "SHN", 654, "Saint Helena, Ascension and Tristan da Cunha");

    /// <summary>Slovenia (SI, SVN, 705).</summary>
    public static readonly Country SI = new("SI", "SVN", 705, "Slovenia");

    /// <summary>Svalbard and Jan Mayen (SJ, SJM, 744).</summary>
    public static readonly Country SJ = new("SJ", "SJM", 744, "Svalbard and Jan Mayen");

    /// <summary>Slovakia (SK, SVK, 703).</summary>
    public static readonly Country SK = new("SK", "SVK", 703, "Slovakia");

    /// <summary>Sierra Leone (SL, SLE, 694).</summary>
    public static readonly Country SL = new("SL", "SLE", 694, "Sierra Leone");

    /// <summary>San Marino (SM, SMR, 674).</summary>
    public static readonly Country SM = new("SM", "SMR", 674, "San Marino");

    /// <summary>Senegal (SN, SEN, 686).</summary>
    public static readonly Country SN = new("SN", "SEN", 686, "Senegal");

    /// <summary>Somalia (SO, SOM, 706).</summary>
    public static readonly Country SO = new("SO", "SOM", 706, "Somalia");

    /// <summary>Suriname (SR, SUR, 740).</summary>
    public static readonly Country SR = new("SR", "SUR", 740, "Suriname");

    /// <summary>South Sudan (SS, SSD, 728).</summary>
    public static readonly Country SS = new("SS", "SSD", 728, "South Sudan");

    /// <summary>Sao Tome and Principe (ST, STP, 678).</summary>
    public static readonly Country ST = new("ST", "STP", 678, "Sao Tome and Principe");

    /// <summary>El Salvador (SV, SLV, 222).</summary>
    public static readonly Country SV = new("SV", "SLV", 222, "El Salvador");

    /// <summary>Sint Maarten (Dutch part) (SX, SXM, 534).</summary>
    public static readonly Country SX = new("SX", "SXM", 534, "Sint Maarten (Dutch part)");

    /// <summary>Syrian Arab Republic (SY, SYR, 760).</summary>
    public static readonly Country SY = new("SY", "SYR", 760, "Syrian Arab Republic");

    /// <summary>Eswatini (SZ, SWZ, 748).</summary>
    public static readonly Country SZ = new("SZ", "SWZ", 748, "Eswatini");

    /// <summary>Turks and Caicos Islands (TC, TCA, 796).</summary>
    public static readonly Country TC = new("TC", "TCA", 796, "Turks and Caicos Islands");

    /// <summary>Chad (TD, TCD, 148).</summary>
    public static readonly Country TD = new("TD", "TCD", 148, "Chad");

    /// <summary>French Southern Territories (TF, ATF, 260).</summary>
    public static readonly Country TF = new("TF", "ATF", 260, "French Southern Territories");

    /// <summary>Togo (TG, TGO, 768).</summary>
    public static readonly Country TG = new("TG", "TGO", 768, "Togo");

    /// <summary>Thailand (TH, THA, 764).</summary>
    public static readonly Country TH = new("TH", "THA", 764, "Thailand");

    /// <summary>Tajikistan (TJ, TJK, 762).</summary>
    public static readonly Country TJ = new("TJ", "TJK", 762, "Tajikistan");

    /// <summary>Tokelau (TK, TKL, 772).</summary>
    public static readonly Country TK = new("TK", "TKL", 772, "Tokelau");

    /// <summary>Timor-Leste (TL, TLS, 626).</summary>
    public static readonly Country TL = new("TL", "TLS", 626, "Timor-Leste");

    /// <summary>Turkmenistan (TM, TKM, 795).</summary>
    public static readonly Country TM = new("TM", "TKM", 795, "Turkmenistan");

    /// <summary>Tunisia (TN, TUN, 788).</summary>
    public static readonly Country TN = new("TN", "TUN", 788, "Tunisia");

    /// <summary>Tonga (TO, TON, 776).</summary>
    public static readonly Country TO = new("TO", "TON", 776, "Tonga");

    /// <summary>Türkiye (TR, TUR, 792).</summary>
    public static readonly Country TR = new("TR", "TUR", 792, "Türkiye");

    /// <summary>Trinidad and Tobago (TT, TTO, 780).</summary>
    public static readonly Country TT = new("TT", "TTO", 780, "Trinidad and Tobago");

    /// <summary>Tuvalu (TV, TUV, 798).</summary>
    public static readonly Country TV = new("TV", "TUV", 798, "Tuvalu");

    /// <summary>Taiwan, Province of China (TW, TWN, 158).</summary>
    public static readonly Country TW = new("TW", "TWN", 158, "Taiwan, Province of China");

    /// <summary>Tanzania, United Republic of (TZ, TZA, 834).</summary>
    public static readonly Country TZ = new("TZ", "TZA", 834, "Tanzania, United Republic of");

    /// <summary>Ukraine (UA, UKR, 804).</summary>
    public static readonly Country UA = new("UA", "UKR", 804, "Ukraine");

    /// <summary>Uganda (UG, UGA, 800).</summary>
    public static readonly Country UG = new("UG", "UGA", 800, "Uganda");

    /// <summary>United States Minor Outlying Islands (UM, UMI, 581).</summary>
    public static readonly Country UM = new("UM", "UMI", 581, "United States Minor Outlying Islands");

    /// <summary>United States (US, USA, 840).</summary>
    public static readonly Country US = new("US", "USA", 840, "United States");

    /// <summary>Uruguay (UY, URY, 858).</summary>
    public static readonly Country UY = new("UY", "URY", 858, "Uruguay");

    /// <summary>Uzbekistan (UZ, UZB, 860).</summary>
    public static readonly Country UZ = new("UZ", "UZB", 860, "Uzbekistan");

    /// <summary>Holy See (Vatican City State) (VA, VAT, 336).</summary>
    public static readonly Country VA = new("VA", "VAT", 336, "Holy See (Vatican City State)");

    /// <summary>Saint Vincent and the Grenadines (VC, VCT, 670).</summary>
    public static readonly Country VC = new("VC", "VCT", 670, "Saint Vincent and the Grenadines");

    /// <summary>Venezuela, Bolivarian Republic of (VE, VEN, 862).</summary>
    public static readonly Country VE = new("VE", "VEN", 862, "Venezuela, Bolivarian Republic of");

    /// <summary>Virgin Islands, British (VG, VGB, 092).</summary>
    public static readonly Country VG = new("VG", "VGB", 92, "Virgin Islands, British");

    /// <summary>Virgin Islands, U.S. (VI, VIR, 850).</summary>
    public static readonly Country VI = new("VI", "VIR", 850, "Virgin Islands, U.S.");

    /// <summary>Viet Nam (VN, VNM, 704).</summary>
    public static readonly Country VN = new("VN", "VNM", 704, "Viet Nam");

    /// <summary>Vanuatu (VU, VUT, 548).</summary>
    public static readonly Country VU = new("VU", "VUT", 548, "Vanuatu");

    /// <summary>Wallis and Futuna (WF, WLF, 876).</summary>
    public static readonly Country WF = new("WF", "WLF", 876, "Wallis and Futuna");

    /// <summary>Samoa (WS, WSM, 882).</summary>
    public static readonly Country WS = new("WS", "WSM", 882, "Samoa");

    /// <summary>Yemen (YE, YEM, 887).</summary>
    public static readonly Country YE = new("YE", "YEM", 887, "Yemen");

    /// <summary>Mayotte (YT, MYT, 175).</summary>
    public static readonly Country YT = new("YT", "MYT", 175, "Mayotte");

    /// <summary>South Africa (ZA, ZAF, 710).</summary>
    public static readonly Country ZA = new("ZA", "ZAF", 710, "South Africa");

    /// <summary>Zambia (ZM, ZMB, 894).</summary>
    public static readonly Country ZM = new("ZM", "ZMB", 894, "Zambia");

    /// <summary>Zimbabwe (ZW, ZWE, 716).</summary>
    public static readonly Country ZW = new("ZW", "ZWE", 716, "Zimbabwe");
}
