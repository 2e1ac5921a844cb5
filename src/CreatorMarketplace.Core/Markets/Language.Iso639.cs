namespace CreatorMarketplace;

public sealed partial class Language
{
    /// <summary>Afar (aa).</summary>
    public static readonly Language Afar = new("aa", "Afar");

    /// <summary>Abkhazian (ab).</summary>
    public static readonly Language Abkhazian = new("ab", "Abkhazian");

    /// <summary>Avestan (ae).</summary>
    public static readonly Language Avestan = new("ae", "Avestan");

    /// <summary>Afrikaans (af).</summary>
    public static readonly Language Afrikaans = new("af", "Afrikaans");

    /// <summary>Akan (ak).</summary>
    public static readonly Language Akan = new("ak", "Akan");

    /// <summary>Amharic (am).</summary>
    public static readonly Language Amharic = new("am", "Amharic");

    /// <summary>Aragonese (an).</summary>
    public static readonly Language Aragonese = new("an", "Aragonese");

    /// <summary>Arabic (ar).</summary>
    public static readonly Language Arabic = new("ar", "Arabic");

    /// <summary>Assamese (as).</summary>
    public static readonly Language Assamese = new("as", "Assamese");

    /// <summary>Avaric (av).</summary>
    public static readonly Language Avaric = new("av", "Avaric");

    /// <summary>Aymara (ay).</summary>
    public static readonly Language Aymara = new("ay", "Aymara");

    /// <summary>Azerbaijani (az).</summary>
    public static readonly Language Azerbaijani = new("az", "Azerbaijani");

    /// <summary>Bashkir (ba).</summary>
    public static readonly Language Bashkir = new("ba", "Bashkir");

    /// <summary>Belarusian (be).</summary>
    public static readonly Language Belarusian = new("be", "Belarusian");

    /// <summary>Bulgarian (bg).</summary>
    public static readonly Language Bulgarian = new("bg", "Bulgarian");

    /// <summary>Bislama (bi).</summary>
    public static readonly Language Bislama = new("bi", "Bislama");

    /// <summary>Bambara (bm).</summary>
    public static readonly Language Bambara = new("bm", "Bambara");

    /// <summary>Bengali (bn).</summary>
    public static readonly Language Bengali = new("bn", "Bengali");

    /// <summary>Tibetan (bo).</summary>
    public static readonly Language Tibetan = new("bo", "Tibetan");

    /// <summary>Breton (br).</summary>
    public static readonly Language Breton = new("br", "Breton");

    /// <summary>Bosnian (bs).</summary>
    public static readonly Language Bosnian = new("bs", "Bosnian");

    /// <summary>Catalan (ca).</summary>
    public static readonly Language Catalan = new("ca", "Catalan");

    /// <summary>Chechen (ce).</summary>
    public static readonly Language Chechen = new("ce", "Chechen");

    /// <summary>Chamorro (ch).</summary>
    public static readonly Language Chamorro = new("ch", "Chamorro");

    /// <summary>Corsican (co).</summary>
    public static readonly Language Corsican = new("co", "Corsican");

    /// <summary>Cree (cr).</summary>
    public static readonly Language Cree = new("cr", "Cree");

    /// <summary>Czech (cs).</summary>
    public static readonly Language Czech = new("cs", "Czech");

    /// <summary>Church Slavic (cu).</summary>
    public static readonly Language ChurchSlavic = new("cu", "Church Slavic");

    /// <summary>Chuvash (cv).</summary>
    public static readonly Language Chuvash = new("cv", "Chuvash");

    /// <summary>Welsh (cy).</summary>
    public static readonly Language Welsh = new("cy", "Welsh");

    /// <summary>Danish (da).</summary>
    public static readonly Language Danish = new("da", "Danish");

    /// <summary>German (de).</summary>
    public static readonly Language German = new("de", "German");

    /// <summary>Dhivehi (dv).</summary>
    public static readonly Language Dhivehi = new("dv", "Dhivehi");

    /// <summary>Dzongkha (dz).</summary>
    public static readonly Language Dzongkha = new("dz", "Dzongkha");

    /// <summary>Ewe (ee).</summary>
    public static readonly Language Ewe = new("ee", "Ewe");

    /// <summary>Modern Greek (1453-) (el).</summary>
    public static readonly Language Greek = new("el", "Modern Greek (1453-)");

    /// <summary>English (en).</summary>
    public static readonly Language English = new("en", "English");

    /// <summary>Esperanto (eo).</summary>
    public static readonly Language Esperanto = new("eo", "Esperanto");

    /// <summary>Spanish (es).</summary>
    public static readonly Language Spanish = new("es", "Spanish");

    /// <summary>Estonian (et).</summary>
    public static readonly Language Estonian = new("et", "Estonian");

    /// <summary>Basque (eu).</summary>
    public static readonly Language Basque = new("eu", "Basque");

    /// <summary>Persian (fa).</summary>
    public static readonly Language Persian = new("fa", "Persian");

    /// <summary>Fulah (ff).</summary>
    public static readonly Language Fulah = new("ff", "Fulah");

    /// <summary>Finnish (fi).</summary>
    public static readonly Language Finnish = new("fi", "Finnish");

    /// <summary>Fijian (fj).</summary>
    public static readonly Language Fijian = new("fj", "Fijian");

    /// <summary>Faroese (fo).</summary>
    public static readonly Language Faroese = new("fo", "Faroese");

    /// <summary>French (fr).</summary>
    public static readonly Language French = new("fr", "French");

    /// <summary>Western Frisian (fy).</summary>
    public static readonly Language WesternFrisian = new("fy", "Western Frisian");

    /// <summary>Irish (ga).</summary>
    public static readonly Language Irish = new("ga", "Irish");

    /// <summary>Scottish Gaelic (gd).</summary>
    public static readonly Language ScottishGaelic = new("gd", "Scottish Gaelic");

    /// <summary>Galician (gl).</summary>
    public static readonly Language Galician = new("gl", "Galician");

    /// <summary>Guarani (gn).</summary>
    public static readonly Language Guarani = new("gn", "Guarani");

    /// <summary>Gujarati (gu).</summary>
    public static readonly Language Gujarati = new("gu", "Gujarati");

    /// <summary>Manx (gv).</summary>
    public static readonly Language Manx = new("gv", "Manx");

    /// <summary>Hausa (ha).</summary>
    public static readonly Language Hausa = new("ha", "Hausa");

    /// <summary>Hebrew (he).</summary>
    public static readonly Language Hebrew = new("he", "Hebrew");

    /// <summary>Hindi (hi).</summary>
    public static readonly Language Hindi = new("hi", "Hindi");

    /// <summary>Hiri Motu (ho).</summary>
    public static readonly Language HiriMotu = new("ho", "Hiri Motu");

    /// <summary>Croatian (hr).</summary>
    public static readonly Language Croatian = new("hr", "Croatian");

    /// <summary>Haitian (ht).</summary>
    public static readonly Language Haitian = new("ht", "Haitian");

    /// <summary>Hungarian (hu).</summary>
    public static readonly Language Hungarian = new("hu", "Hungarian");

    /// <summary>Armenian (hy).</summary>
    public static readonly Language Armenian = new("hy", "Armenian");

    /// <summary>Herero (hz).</summary>
    public static readonly Language Herero = new("hz", "Herero");

    /// <summary>Interlingua (International Auxiliary Language Association) (ia).</summary>
    public static readonly Language Interlingua = new("ia", "Interlingua (International Auxiliary Language Association)");

    /// <summary>Indonesian (id).</summary>
    public static readonly Language Indonesian = new("id", "Indonesian");

    /// <summary>Interlingue (ie).</summary>
    public static readonly Language Interlingue = new("ie", "Interlingue");

    /// <summary>Igbo (ig).</summary>
    public static readonly Language Igbo = new("ig", "Igbo");

    /// <summary>Sichuan Yi (ii).</summary>
    public static readonly Language SichuanYi = new("ii", "Sichuan Yi");

    /// <summary>Inupiaq (ik).</summary>
    public static readonly Language Inupiaq = new("ik", "Inupiaq");

    /// <summary>Ido (io).</summary>
    public static readonly Language Ido = new("io", "Ido");

    /// <summary>Icelandic (is).</summary>
    public static readonly Language Icelandic = new("is", "Icelandic");

    /// <summary>Italian (it).</summary>
    public static readonly Language Italian = new("it", "Italian");

    /// <summary>Inuktitut (iu).</summary>
    public static readonly Language Inuktitut = new("iu", "Inuktitut");

    /// <summary>Japanese (ja).</summary>
    public static readonly Language Japanese = new("ja", "Japanese");

    /// <summary>Javanese (jv).</summary>
    public static readonly Language Javanese = new("jv", "Javanese");

    /// <summary>Georgian (ka).</summary>
    public static readonly Language Georgian = new("ka", "Georgian");

    /// <summary>Kongo (kg).</summary>
    public static readonly Language Kongo = new("kg", "Kongo");

    /// <summary>Kikuyu (ki).</summary>
    public static readonly Language Kikuyu = new("ki", "Kikuyu");

    /// <summary>Kuanyama (kj).</summary>
    public static readonly Language Kuanyama = new("kj", "Kuanyama");

    /// <summary>Kazakh (kk).</summary>
    public static readonly Language Kazakh = new("kk", "Kazakh");

    /// <summary>Kalaallisut (kl).</summary>
    public static readonly Language Kalaallisut = new("kl", "Kalaallisut");

    /// <summary>Khmer (km).</summary>
    public static readonly Language Khmer = new("km", "Khmer");

    /// <summary>Kannada (kn).</summary>
    public static readonly Language Kannada = new("kn", "Kannada");

    /// <summary>Korean (ko).</summary>
    public static readonly Language Korean = new("ko", "Korean");

    /// <summary>Kanuri (kr).</summary>
    public static readonly Language Kanuri = new("kr", "Kanuri");

    /// <summary>Kashmiri (ks).</summary>
    public static readonly Language Kashmiri = new("ks", "Kashmiri");

    /// <summary>Kurdish (ku).</summary>
    public static readonly Language Kurdish = new("ku", "Kurdish");

    /// <summary>Komi (kv).</summary>
    public static readonly Language Komi = new("kv", "Komi");

    /// <summary>Cornish (kw).</summary>
    public static readonly Language Cornish = new("kw", "Cornish");

    /// <summary>Kirghiz (ky).</summary>
    public static readonly Language Kirghiz = new("ky", "Kirghiz");

    /// <summary>Latin (la).</summary>
    public static readonly Language Latin = new("la", "Latin");

    /// <summary>Luxembourgish (lb).</summary>
    public static readonly Language Luxembourgish = new("lb", "Luxembourgish");

    /// <summary>Ganda (lg).</summary>
    public static readonly Language Ganda = new("lg", "Ganda");

    /// <summary>Limburgan (li).</summary>
    public static readonly Language Limburgan = new("li", "Limburgan");

    /// <summary>Lingala (ln).</summary>
    public static readonly Language Lingala = new("ln", "Lingala");

    /// <summary>Lao (lo).</summary>
    public static readonly Language Lao = new("lo", "Lao");

    /// <summary>Lithuanian (lt).</summary>
    public static readonly Language Lithuanian = new("lt", "Lithuanian");

    /// <summary>Luba-Katanga (lu).</summary>
    public static readonly Language LubaKatanga = new("lu", "Luba-Katanga");

    /// <summary>Latvian (lv).</summary>
    public static readonly Language Latvian = new("lv", "Latvian");

    /// <summary>Malagasy (mg).</summary>
    public static readonly Language Malagasy = new("mg", "Malagasy");

    /// <summary>Marshallese (mh).</summary>
    public static readonly Language Marshallese = new("mh", "Marshallese");

    /// <summary>Maori (mi).</summary>
    public static readonly Language Maori = new("mi", "Maori");

    /// <summary>Macedonian (mk).</summary>
    public static readonly Language Macedonian = new("mk", "Macedonian");

    /// <summary>Malayalam (ml).</summary>
    public static readonly Language Malayalam = new("ml", "Malayalam");

    /// <summary>Mongolian (mn).</summary>
    public static readonly Language Mongolian = new("mn", "Mongolian");

    /// <summary>Marathi (mr).</summary>
    public static readonly Language Marathi = new("mr", "Marathi");

    /// <summary>Malay (ms).</summary>
    public static readonly Language Malay = new("ms", "Malay");

    /// <summary>Maltese (mt).</summary>
    public static readonly Language Maltese = new("mt", "Maltese");

    /// <summary>Burmese (my).</summary>
    public static readonly Language Burmese = new("my", "Burmese");

    /// <summary>Nauru (na).</summary>
    public static readonly Language Nauru = new("na", "Nauru");

    /// <summary>Norwegian Bokmål (nb).</summary>
    public static readonly Language NorwegianBokmal = new("nb", "Norwegian Bokmål");

    /// <summary>North Ndebele (nd).</summary>
    public static readonly Language NorthNdebele = new("nd", "North Ndebele");

    /// <summary>Nepali (ne).</summary>
    public static readonly Language Nepali = new("ne", "Nepali");

    /// <summary>Ndonga (ng).</summary>
    public static readonly Language Ndonga = new("ng", "Ndonga");

    /// <summary>Dutch (nl).</summary>
    public static readonly Language Dutch = new("nl", "Dutch");

    /// <summary>Norwegian Nynorsk (nn).</summary>
    public static readonly Language NorwegianNynorsk = new("nn", "Norwegian Nynorsk");

    /// <summary>Norwegian (no).</summary>
    public static readonly Language Norwegian = new("no", "Norwegian");

    /// <summary>South Ndebele (nr).</summary>
    public static readonly Language SouthNdebele = new("nr", "South Ndebele");

    /// <summary>Navajo (nv).</summary>
    public static readonly Language Navajo = new("nv", "Navajo");

    /// <summary>Nyanja (ny).</summary>
    public static readonly Language Nyanja = new("ny", "Nyanja");

    /// <summary>Occitan (post 1500) (oc).</summary>
    public static readonly Language Occitan = new("oc", "Occitan (post 1500)");

    /// <summary>Ojibwa (oj).</summary>
    public static readonly Language Ojibwa = new("oj", "Ojibwa");

    /// <summary>Oromo (om).</summary>
    public static readonly Language Oromo = new("om", "Oromo");

    /// <summary>Oriya (or).</summary>
    public static readonly Language Oriya = new("or", "Oriya");

    /// <summary>Ossetian (os).</summary>
    public static readonly Language Ossetian = new("os", "Ossetian");

    /// <summary>Panjabi (pa).</summary>
    public static readonly Language Panjabi = new("pa", "Panjabi");

    /// <summary>Pali (pi).</summary>
    public static readonly Language Pali = new("pi", "Pali");

    /// <summary>Polish (pl).</summary>
    public static readonly Language Polish = new("pl", "Polish");

    /// <summary>Pushto (ps).</summary>
    public static readonly Language Pushto = new("ps", "Pushto");

    /// <summary>Portuguese (pt).</summary>
    public static readonly Language Portuguese = new("pt", "Portuguese");

    /// <summary>Quechua (qu).</summary>
    public static readonly Language Quechua = new("qu", "Quechua");

    /// <summary>Romansh (rm).</summary>
    public static readonly Language Romansh = new("rm", "Romansh");

    /// <summary>Rundi (rn).</summary>
    public static readonly Language Rundi = new("rn", "Rundi");

    /// <summary>Romanian (ro).</summary>
    public static readonly Language Romanian = new("ro", "Romanian");

    /// <summary>Russian (ru).</summary>
    public static readonly Language Russian = new("ru", "Russian");

    /// <summary>Kinyarwanda (rw).</summary>
    public static readonly Language Kinyarwanda = new("rw", "Kinyarwanda");

    /// <summary>Sanskrit (sa).</summary>
    public static readonly Language Sanskrit = new("sa", "Sanskrit");

    /// <summary>Sardinian (sc).</summary>
    public static readonly Language Sardinian = new("sc", "Sardinian");

    /// <summary>Sindhi (sd).</summary>
    public static readonly Language Sindhi = new("sd", "Sindhi");

    /// <summary>Northern Sami (se).</summary>
    public static readonly Language NorthernSami = new("se", "Northern Sami");

    /// <summary>Sango (sg).</summary>
    public static readonly Language Sango = new("sg", "Sango");

    /// <summary>Sinhala (si).</summary>
    public static readonly Language Sinhala = new("si", "Sinhala");

    /// <summary>Slovak (sk).</summary>
    public static readonly Language Slovak = new("sk", "Slovak");

    /// <summary>Slovenian (sl).</summary>
    public static readonly Language Slovenian = new("sl", "Slovenian");

    /// <summary>Samoan (sm).</summary>
    public static readonly Language Samoan = new("sm", "Samoan");

    /// <summary>Shona (sn).</summary>
    public static readonly Language Shona = new("sn", "Shona");

    /// <summary>Somali (so).</summary>
    public static readonly Language Somali = new("so", "Somali");

    /// <summary>Albanian (sq).</summary>
    public static readonly Language Albanian = new("sq", "Albanian");

    /// <summary>Serbian (sr).</summary>
    public static readonly Language Serbian = new("sr", "Serbian");

    /// <summary>Swati (ss).</summary>
    public static readonly Language Swati = new("ss", "Swati");

    /// <summary>Southern Sotho (st).</summary>
    public static readonly Language SouthernSotho = new("st", "Southern Sotho");

    /// <summary>Sundanese (su).</summary>
    public static readonly Language Sundanese = new("su", "Sundanese");

    /// <summary>Swedish (sv).</summary>
    public static readonly Language Swedish = new("sv", "Swedish");

    /// <summary>Swahili (sw).</summary>
    public static readonly Language Swahili = new("sw", "Swahili");

    /// <summary>Tamil (ta).</summary>
    public static readonly Language Tamil = new("ta", "Tamil");

    /// <summary>Telugu (te).</summary>
    public static readonly Language Telugu = new("te", "Telugu");

    /// <summary>Tajik (tg).</summary>
    public static readonly Language Tajik = new("tg", "Tajik");

    /// <summary>Thai (th).</summary>
    public static readonly Language Thai = new("th", "Thai");

    /// <summary>Tigrinya (ti).</summary>
    public static readonly Language Tigrinya = new("ti", "Tigrinya");

    /// <summary>Turkmen (tk).</summary>
    public static readonly Language Turkmen = new("tk", "Turkmen");

    /// <summary>Tagalog (tl).</summary>
    public static readonly Language Tagalog = new("tl", "Tagalog");

    /// <summary>Tswana (tn).</summary>
    public static readonly Language Tswana = new("tn", "Tswana");

    /// <summary>Tonga (Tonga Islands) (to).</summary>
    public static readonly Language Tonga = new("to", "Tonga (Tonga Islands)");

    /// <summary>Turkish (tr).</summary>
    public static readonly Language Turkish = new("tr", "Turkish");

    /// <summary>Tsonga (ts).</summary>
    public static readonly Language Tsonga = new("ts", "Tsonga");

    /// <summary>Tatar (tt).</summary>
    public static readonly Language Tatar = new("tt", "Tatar");

    /// <summary>Twi (tw).</summary>
    public static readonly Language Twi = new("tw", "Twi");

    /// <summary>Tahitian (ty).</summary>
    public static readonly Language Tahitian = new("ty", "Tahitian");

    /// <summary>Uighur (ug).</summary>
    public static readonly Language Uighur = new("ug", "Uighur");

    /// <summary>Ukrainian (uk).</summary>
    public static readonly Language Ukrainian = new("uk", "Ukrainian");

    /// <summary>Urdu (ur).</summary>
    public static readonly Language Urdu = new("ur", "Urdu");

    /// <summary>Uzbek (uz).</summary>
    public static readonly Language Uzbek = new("uz", "Uzbek");

    /// <summary>Venda (ve).</summary>
    public static readonly Language Venda = new("ve", "Venda");

    /// <summary>Vietnamese (vi).</summary>
    public static readonly Language Vietnamese = new("vi", "Vietnamese");

    /// <summary>Volapük (vo).</summary>
    public static readonly Language Volapuk = new("vo", "Volapük");

    /// <summary>Walloon (wa).</summary>
    public static readonly Language Walloon = new("wa", "Walloon");

    /// <summary>Wolof (wo).</summary>
    public static readonly Language Wolof = new("wo", "Wolof");

    /// <summary>Xhosa (xh).</summary>
    public static readonly Language Xhosa = new("xh", "Xhosa");

    /// <summary>Yiddish (yi).</summary>
    public static readonly Language Yiddish = new("yi", "Yiddish");

    /// <summary>Yoruba (yo).</summary>
    public static readonly Language Yoruba = new("yo", "Yoruba");

    /// <summary>Zhuang (za).</summary>
    public static readonly Language Zhuang = new("za", "Zhuang");

    /// <summary>Chinese (zh).</summary>
    public static readonly Language Chinese = new("zh", "Chinese");

    /// <summary>Zulu (zu).</summary>
    public static readonly Language Zulu = new("zu", "Zulu");
}
