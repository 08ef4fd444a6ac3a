"""The named patterns of the tagger, as data: regex template, rule name and examples.

Order matters: at a given position the first pattern that matches wins, so longer,
more specific patterns come first.  Each template uses the @PIECES of `lexicon`;
`rule` names the rule (see `normalize.RULES`) that turns the match into a TIMEX3 value.
Every example is checked by the tests: (sentence, span text, type, value), with
publication date 2020-09-03 (a Thursday) unless the example gives another one.
"""

from __future__ import annotations

from generator.extract.timex.lexicon import MOD, QUARTER_MODS, RELATIVE, TENS_WORDS
from generator.extract.timex.model import Example, Pattern


E = Example
PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "clock_time",
        r"(?:(?P<approx>around|about|approximately|shortly\s+(?:before|after)"
        r"|just\s+(?:before|after))\s+)?(?:@CLOCK)@ZONE(?:,?\s+(?:on\s+)?(?:@WEEKDAY"
        r"(?:,?\s+@MONTH\s+@DAYNUM)?|(?P<relday>today|yesterday|tomorrow|tonight)"
        r"|@MONTH2\s+(?P<day2>[12]\d|3[01]|0?[1-9])))?",
        "clock_time",
        (
            E("It closed at 10:35 a.m. after a fire.", "10:35 a.m.", "TIME", "2020-09-03T10:35"),
            E("The vote ended at 10 p.m. Wednesday.", "10 p.m. Wednesday", "TIME",
              "2020-09-02T22:00"),
            E("Trading halted at noon Thursday.", "noon Thursday", "TIME", "2020-09-03T12:00"),
            E("Bids are due by 5 p.m. EST Nov. 9.", "5 p.m. EST Nov. 9", "TIME",
              "2020-11-09T17:00"),
        ),
    ),
    Pattern(
        "clock_in_the_daypart",
        r"(?P<hour>[01]?\d)(?:\s+o'clock)?\s+in\s+the\s+(?P<daypart>morning|afternoon|evening)",
        "clock_daypart",
        (E("He woke at 4 in the morning.", "4 in the morning", "TIME", "2020-09-03T04:00"),),
    ),
    Pattern(
        "iso_date",
        r"(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])"
        r"(?:T(?P<ih>[01]\d|2[0-3]):(?P<imin>[0-5]\d))?",
        "numeric_date",
        (E("Filed 2019-12-31 in court.", "2019-12-31", "DATE", "2019-12-31"),),
    ),
    Pattern(
        "us_numeric_date",
        r"(?P<um>0?[1-9]|1[0-2])/(?P<ud>0?[1-9]|[12]\d|3[01])/(?P<uy>(?:19|20)\d\d|\d\d)(?![/\d])",
        "numeric_date",
        (E("Posted 9/1/2020 by staff.", "9/1/2020", "DATE", "2020-09-01"),),
    ),
    Pattern(
        "week_of_date",
        r"(?:the\s+)?week\s+of\s+@MONTH\s+@DAYNUM(?!\d)(?:,?\s+@YEAR)?",
        "week_of",
        (E("A hearing is set for the week of March 6.", "the week of March 6", "DATE",
           "2020-W10", "2020-02-24"),),
    ),
    Pattern(
        "month_day",
        MOD + r"(?:(?P<weekday>" + r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
        r"|Sunday)),?\s+)?(?:(?P<rel>last|next|this)\s+)?@MONTH\s+(?:@DAYNUM"
        r"|(?:the\s+)?@DAYWORD)(?!\d|:\d)"
        r"(?:,?\s+(?:@YEAR|(?P<yearwords>nineteen[- ]\w+(?:[- ]\w+)?)))?(?!\s*(?:%|percent))",
        "month_day",
        (
            E("The deal closed Aug. 7, 1998, in New York.", "Aug. 7, 1998", "DATE", "1998-08-07"),
            E("Results are due Sept. 30, the company said.", "Sept. 30", "DATE", "2020-09-30"),
            E("The law took effect March 12.", "March 12", "DATE", "2020-03-12"),
            E("He was shot last Oct. 23 at home.", "last Oct. 23", "DATE", "2019-10-23"),
            E("He met them Saturday, April 25.", "Saturday, April 25", "DATE", "2020-04-25"),
            E("It opened on this coming Sunday, March eighth.", "March eighth", "DATE",
              "2020-03-08"),
        ),
    ),
    Pattern(
        "day_month",
        MOD + r"(?:the\s+)?(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?@MONTH"
        r"(?:,?\s+@YEAR)?",
        "month_day",
        (E("Elections were held on 4 May 2019.", "4 May 2019", "DATE", "2019-05-04"),),
    ),
    Pattern(
        "month_year",
        MOD + r"@MONTH(?:\s+of)?,?\s+(?:@YEAR|@YEARWORDS|(?P<rel>this|last|next)\s+year)"
        r"(?!\d)",
        "month_year",
        (
            E("Prices peaked in July 1997.", "July 1997", "DATE", "1997-07"),
            E("It began in January nineteen ninety-seven.", "January nineteen ninety-seven",
              "DATE", "1997-01"),
            E("Sales fell in June last year.", "June last year", "DATE", "2019-06"),
            E("They met in early September 2019.", "early September 2019", "DATE", "2019-09"),
        ),
    ),
    Pattern(
        "midterm_elections",
        r"(?:the\s+)?@YEAR\s+(?:U\.S\.\s+)?(?:mid-?term\s+(?:congressional\s+)?elections?"
        r"|mid-?terms?)",
        "midterms",
        (E("Russia meddled in the 2018 midterm elections.", "the 2018 midterm elections",
           "DATE", "2018-11"),),
    ),
    Pattern(
        "season_year",
        MOD + r"(?:the\s+)?@SEASON\s+(?:of\s+)?(?:@YEAR|@YEARWORDS)(?!\d)",
        "season",
        (E("It flooded in the winter of nineteen ninety-four.",
           "the winter of nineteen ninety-four", "DATE", "1994-WI"),
         E("Talks resumed in spring 2019.", "spring 2019", "DATE", "2019-SP")),
    ),
    Pattern(
        "decade",
        MOD + r"(?:the\s+)?(?:(?P<decade>1[5-9]\d0|20\d0)'?s|'(?P<short>\d0)'?s"
        r"|(?P<short2>[2-9]0)'s)",
        "decade",
        (E("The town boomed in the 1990s.", "the 1990s", "DATE", "199"),
         E("It was built in the late 1970s.", "the late 1970s", "DATE", "197"),
         E("A hit of the '80s.", "the '80s", "DATE", "198")),
    ),
    Pattern(
        "decade_words",
        r"(?P<mod>the\s+(?:early|late|mid)[- ]?|the\s+)(?P<decword>" + TENS_WORDS + ")",
        "decade",
        (E("Prices soared during the nineties.", "the nineties", "DATE", "199"),),
    ),
    Pattern(
        "century",
        MOD + r"(?:the\s+)?(?P<cnum>\d{1,2}(?:st|nd|rd|th)|eleventh|twelfth|thirteenth"
        r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
        r"|twenty-first)[\s-]+century",
        "century",
        (E("A church from the 11th century.", "the 11th century", "DATE", "10"),),
    ),
    Pattern(
        "quarter_of_relative_year",
        r"(?P<qyr>this|last|next)\s+year's\s+(?:@ORDINAL[\s-]+)?(?:fiscal\s+)?quarter(?!s|ly)",
        "quarter",
        (E("Profit topped last year's third quarter.", "last year's third quarter", "DATE",
           "2019-Q3"),),
    ),
    Pattern(
        "ordinal_quarter",
        r"(?:(?P<det>the|this|its|their|a|that|his|her)\s+)?" + QUARTER_MODS
        + r"@ORDINAL[\s-]+(?:fiscal[\s-]+|calendar[\s-]+)?quarters?(?!ly)"
        r"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<qyear>(?:19|20)\d\d)|(?P<qrel>this|last|next)"
        r"\s+year))?",
        "quarter",
        (E("Profit rose in the third quarter.", "the third quarter", "DATE", "2020-Q3"),
         E("Third-quarter profit rose 5%.", "Third-quarter", "DATE", "2020-Q3"),
         E("Sales in the first quarter of 2019 fell.", "the first quarter of 2019", "DATE",
           "2019-Q1"),
         E("Profit fell in the 2019 fourth quarter.", "the 2019 fourth quarter", "DATE",
           "2019-Q4"),
         # A quarter named in passing or still to come does not become the period
         # that later comparisons refer to.
         E("Profit rose in the third quarter. After a flat second quarter, sales rose "
           "from a year earlier.", "a year earlier", "DATE", "2019-Q3"),
         E("Profit rose in the third quarter. A storm will cause a fourth-quarter charge. "
           "Sales rose from a year ago.", "a year ago", "DATE", "2019-Q3", "2020-10-20")),
    ),
    Pattern(
        "anaphoric_quarter",
        r"(?:the|this|that|its|their)\s+" + QUARTER_MODS + r"quarter(?![\w-])"
        r"(?P<qago>\s+a\s+year\s+(?:ago|earlier))?",
        "quarter",
        (E("Sales rose in the third quarter. The quarter was strong.", "The quarter",
           "DATE", "2020-Q3"),
         E("Sales rose in the third quarter, from $5 in the quarter a year ago.",
           "the quarter a year ago", "DATE", "2019-Q3")),
    ),
    Pattern(
        "half_year",
        r"(?:the\s+|its\s+)?(?P<half>first|second|last|latter|1st|2nd)[\s-]+half(?![\w-])"
        r"(?:\s+of\s+(?:@YEAR|the\s+year|(?P<hrel>this|last|next)\s+year"
        r"|the\s+'(?P<hdecade>\d0)s))?",
        "half",
        (E("Growth slowed in the second half of 2019.", "the second half of 2019", "DATE",
           "2019-H2"),),
    ),
    Pattern(
        "financial_period",
        r"(?:the|that)\s+(?:(?:year-ago|year-earlier|year\s+earlier|comparable|corresponding"
        r"|same|latest|year-before|(?P<pyear>(?:19|20)\d\d))\s+)+period"
        r"(?:\s+(?:a\s+year\s+(?:ago|earlier)|(?P<prel>last)\s+year))?",
        "period",
        (E("Sales rose from the year-earlier period.", "the year-earlier period", "DATE",
           "2019"),
         E("Net rose in the third quarter. In the 2019 period, it fell.", "the 2019 period",
           "DATE", "2019-Q3"),
         E("Net rose in the third quarter. For the nine months, net fell from the "
           "year-earlier period.", "the year-earlier period", "DATE", "2019")),
    ),
    Pattern(
        "fiscal_year",
        r"(?:the\s+)?fiscal(?:\s+year)?\s+(?:@YEAR|'(?P<fshort>\d\d))(?!\d)"
        r"|(?-i:FY)\s?'?(?P<fy>(?:19|20)?\d\d)(?!\d)"
        r"|(?:the|its|this|that|their)\s+(?:(?P<frel>current|latest|previous|next|coming|new"
        r"|same|last|past)\s+)?fiscal\s+year(?![\w-])",
        "fiscal_year",
        (E("Sales in fiscal 1989 rose.", "fiscal 1989", "DATE", "1989"),
         E("Revenue in the current fiscal year will rise.", "the current fiscal year",
           "DATE", "2020")),
    ),
    Pattern(
        "units_ago",
        "@APPROX?@NUMBER(?:@FRACTION)?[\\s-]+@UNIT(?:\\s+or\\s+so)?\\s+ago",
        "ago",
        (E("He moved there two years ago.", "two years ago", "DATE", "2018"),
         E("It happened a week or so ago.", "a week or so ago", "DATE", "2020-W35"),
         E("They met nearly four years ago.", "nearly four years ago", "DATE", "2016"),
         E("It was settled several years ago.", "several years ago", "DATE", "PAST_REF")),
    ),
    Pattern(
        "units_earlier_later",
        r"@APPROX?@NUMBER(?:@FRACTION)?[\s-]+@UNIT\s+(?P<dir>earlier|later|previously"
        r"|afterwards?|(?:before|after|prior)(?=\s*(?:[,.;:!?)]|$)))",
        "earlier_later",
        (E("He was sanctioned in 2018 for interfering in U.S. elections two years earlier.",
           "two years earlier", "DATE", "2016"),
         E("Sales fell to $5 from $6 a year earlier.", "a year earlier", "DATE", "2019"),
         # After a stretch of months, the comparison is with the year, not the quarter.
         E("Profit rose in the third quarter. In the nine months, net rose from a year "
           "earlier.", "a year earlier", "DATE", "2019")),
    ),
    Pattern(
        "the_unit_before_after",
        r"(?P<det>the|a)\s+@UNIT1\s+(?P<dir>before|after|earlier|later)(?=\s*(?:[,.;:!?)]|$))",
        "earlier_later",
        (E("Prices were set in 2018, up from $4 the year before.", "the year before",
           "DATE", "2017"),),
    ),
    Pattern(
        "holiday",
        MOD + r"(?:(?P<hrel>last|next|this|this\s+past|this\s+coming)\s+)?(?P<holiday>"
        r"(?-i:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?"
        r"|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Good\s+Friday|Independence\s+Day"
        r"|Fourth\s+of\s+July|Memorial\s+Day|Labor\s+Day|Veterans\s+Day|Election\s+Day"
        r"|Halloween|Valentine's\s+Day|Martin\s+Luther\s+King(?:\s+Jr\.)?\s+Day"
        r"|Presidents'?\s+Day|Columbus\s+Day)|election\s+day)(?:,?\s+@YEAR)?"
        r"(?:\s+(?P<hweek>week))?",
        "holiday",
        (E("They returned home for Thanksgiving Day.", "Thanksgiving Day", "DATE",
           "2019-11-28"),
         E("Polls will open on Election Day.", "Election Day", "DATE", "2020-11-03"),
         E("He resigned on Christmas Eve 2018.", "Christmas Eve 2018", "DATE", "2018-12-24")),
    ),
    Pattern(
        "relative_unit",
        MOD + RELATIVE.replace("(?P<rel>", r"(?P<rel>(?:the\s+)?(?:very\s+)?(?:") + r")"
        r"\s+(?:(?P<relunit>week|weekend|month|quarter|year|decade|century|day|morning"
        r"|afternoon|evening|night|summer|winter|spring|fall|autumn)|@MONTH)(?![\w-])",
        "relative",
        (E("It was announced this week.", "this week", "DATE", "2020-W36"),
         E("Profit fell last year.", "last year", "DATE", "2019"),
         E("He will visit next month.", "next month", "DATE", "2020-10"),
         E("It rained last November.", "last November", "DATE", "2019-11"),
         E("We will know early next year.", "early next year", "DATE", "2021"),
         E("In 2016 he ran; the following year he won.", "the following year", "DATE", "2017"),
         E("It was signed in 2016, and that year the law changed.", "that year", "DATE", "2016"),
         E("Prices rose last fall.", "last fall", "DATE", "2019-FA"),
         E("Sales climbed this summer.", "this summer", "DATE", "2020-SU"),
         E("It closed last week.", "last week", "DATE", "2020-W35"),
         # A comparison of figures in a report on a quarter: that quarter a year before.
         E("Profit rose in the third quarter. The unit earned $5, compared with a loss of "
           "$3 last year.", "last year", "DATE", "2019-Q3")),
    ),
    Pattern(
        "day_words",
        MOD + r"(?P<refword>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday"
        r"|the\s+day\s+after\s+tomorrow)(?:\s+@DAYPART)?",
        "day_word",
        (E("Shares fell yesterday.", "yesterday", "DATE", "2020-09-02"),
         E("The vote is today.", "today", "DATE", "2020-09-03"),
         E("They left late yesterday.", "late yesterday", "DATE", "2020-09-02"),
         E("The meeting is tomorrow morning.", "tomorrow morning", "TIME", "2020-09-04TMO"),
         E("He speaks tonight.", "tonight", "TIME", "2020-09-03TNI")),
    ),
    Pattern(
        "set_every",
        r"(?P<setq>every|each|per)\s+(?:(?P<setn>other|\d+|two|three|four|five|six)\s+)?"
        r"(?:@UNIT1|@WEEKDAY|@MONTH|(?P<setdp>morning|afternoon|evening|night))(?![\w-])",
        "set_every",
        (E("They meet every day.", "every day", "SET", "P1D"),
         E("The group meets each Thursday.", "each Thursday", "SET", "XXXX-WXX-4"),
         E("Prices are reset each July.", "each July", "SET", "XXXX-07")),
    ),
    Pattern(
        "set_times_per",
        r"(?P<freq>once|twice|three\s+times|four\s+times|\d+\s+times)\s+(?:a|per|each|every)"
        r"\s+@UNIT1(?![\w-])",
        "set_every",
        (E("The board meets twice a year.", "twice a year", "SET", "P1Y"),),
    ),
    Pattern(
        "set_adverb",
        r"(?P<setadv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly"
        r"|semiannually|quarterly)",
        "set_adverb",
        (E("The paper is printed daily.", "daily", "SET", "P1D"),),
    ),
    Pattern(
        "weekday",
        MOD + r"(?:(?P<wrel>last|next|this\s+coming|this\s+past|this|coming|the\s+previous"
        r"|the\s+following|the\s+next|that)\s+)?@WEEKDAY(?P<plural>s)?"
        r"(?:\s+@DAYPART(?P<dpplural>s)?)?(?![\w-])",
        "weekday",
        (E("Biden on Thursday called on voters to act.", "Thursday", "DATE", "2020-09-03"),
         E("The market crashed Monday.", "Monday", "DATE", "2020-08-31"),
         E("The talks will resume Monday.", "Monday", "DATE", "2020-09-07"),
         E("On Tuesday, the league plans to hold a news conference.", "Tuesday", "DATE",
           "2020-09-08"),
         E("On Friday, the government planned to pay the claims.", "Friday", "DATE",
           "2020-08-28"),
         E("She arrived Friday morning.", "Friday morning", "DATE", "2020-08-28"),
         E("Police arrived Friday night.", "Friday night", "DATE", "2020-08-28"),
         E("They dined Friday evening.", "Friday evening", "TIME", "2020-08-28TEV"),
         E("He left last Friday.", "last Friday", "DATE", "2020-08-28"),
         E("The show airs Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI")),
    ),
    Pattern(
        "day_part",
        r"(?P<dprel>this|that|yesterday|tomorrow|last|the|early|late|mid|the\s+next"
        r"|the\s+following)[\s-]*@DAYPART(?![\w-])|(?P<dpword>overnight|mid-?afternoon"
        r"|midday|mid-?morning)",
        "day_part",
        (E("Shares rose this morning.", "this morning", "TIME", "2020-09-03TMO"),
         E("The blast happened last night.", "last night", "TIME", "2020-09-02TNI")),
    ),
    Pattern(
        "month",
        MOD + r"@MONTH(?![\w-]|\s*\d)",
        "month",
        (E("Exports fell in April, the ministry said.", "April", "DATE", "2020-04"),
         E("The report will come out in November.", "November", "DATE", "2020-11"),
         E("He was hired in mid-November.", "mid-November", "DATE", "2019-11"),
         # An infinitive's clause is not dated by the tense of the sentence.
         E("The bank agreed to acquire the lender in January.", "January", "DATE", "2021-01"),
         E("It had extended the loans through January.", "January", "DATE", "2021-01"),
         # A scheduled event is the nearest such month, whatever the verb.
         E("Senators on Thursday called for sanctions on Russians for recent efforts to "
           "interfere in the November U.S. elections.", "November", "DATE", "2020-11"),
         E("Democrats warned about the November elections.", "November", "DATE", "2020-11"),
         E("Trump lost the November election.", "November", "DATE", "2020-11", "2021-02-03")),
    ),
    Pattern(
        "year",
        MOD + r"(?:(?P<prepost>post|pre)-)?(?:the\s+year\s+)?(?:@YEAR|@YEARWORDS)"
        r"(?!\s*(?:%|percent)|[-./,:]\d|\d)",
        "year",
        (E("He was sanctioned in 2018.", "2018", "DATE", "2018"),
         E("Prices rose in mid-1996.", "mid-1996", "DATE", "1996"),
         E("They met in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
         E("Plans for the year two thousand.", "the year two thousand", "DATE", "2000")),
    ),
    Pattern(
        "year_end",
        r"(?:the\s+)?(?:(?P<yerel>this|last|next)\s+)?year(?:-end|\s+end|'s\s+end)(?![\w-])",
        "year_end",
        (E("The sale should close by year-end.", "year-end", "DATE", "2020"),),
    ),
    Pattern(
        "duration",
        r"(?P<lead>(?:(?:each|all|any|most|much|some|one|none|part)\s+of\s+)?(?:the|its|their"
        r"|his|her|our|this|that|these|those|a|an)\s+)?@APPROX?(?:(?P<which>past|last|next"
        r"|first|final|coming|previous|following|initial|remaining|latest|additional"
        r"|further|other|more|entire|whole|full|same|prior|preceding|ensuing|succeeding"
        r"|recent|current|year-earlier|year-ago|latter)\s+)?@NUMBER(?:@FRACTION)?"
        r"(?:\s+(?:more|additional|full|long|straight|consecutive|trading|business"
        r"|working|calendar|successive|more|extra))?[\s-]+@UNIT"
        r"(?P<suffix>-long|-old|\s+and\s+a\s+half|\s+or\s+so|\s+or\s+(?:two|three|more))?"
        r"(?P<orunit>\s+(?:or|and|to)\s+(?:seconds|minutes|hours|days|weeks|months|years"
        r"|decades))?(?![\w-])",
        "duration",
        (E("The talks lasted three years.", "three years", "DURATION", "P3Y"),
         E("Sales rose in the past three months.", "the past three months", "DURATION", "P3M"),
         E("Profit rose in the first nine months.", "the first nine months", "DURATION", "P9M"),
         E("It took a decade to build.", "a decade", "DURATION", "P10Y"),
         E("The strike lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
         E("The search lasted several weeks.", "several weeks", "DURATION", "PXW"),
         E("A two-year contract was signed.", "two-year", "DURATION", "P2Y"),
         E("It fell a minute and a half later.", "a minute and a half", "DURATION", "PT1M30S")),
    ),
    Pattern(
        "year_earlier",
        r"(?P<qmods>year-(?:earlier|ago))(?![\w-])",
        "period",
        (E("Profit rose in the third quarter from year-earlier levels.", "year-earlier",
           "DATE", "2019-Q3"),),
    ),
    Pattern(
        "anaphoric_unit",
        MOD + r"(?P<det>the|that)\s+(?:(?P<extent>full|entire|whole|same)\s+)?"
        r"(?P<anaunit>year|week|month)(?![\w-])",
        "the_unit",
        (E("Sales rose in 2019; for the year, profit fell.", "the year", "DATE", "2019"),
         E("Revenue for the year ended March 31 rose.", "the year", "DURATION", "P1Y"),
         E("The index fell 2% on Friday. For the week, it dropped 4%.", "the week", "DATE",
           "2020-WXX")),
    ),
    Pattern(
        "season",
        r"(?P<mod>(?:the\s+)?(?:early|late|mid)[\s-]+|the\s+)?(?P<season>summer|winter"
        r"|spring|fall|autumn)(?![\w-])",
        "season_alone",
        (E("Prices rose during the summer.", "the summer", "DATE", "2020-SU"),
         E("Talks are planned for the summer.", "the summer", "DATE", "2021-SU")),
    ),
    Pattern(
        "general_reference",
        r"(?P<refx>right\s+now|just\s+now|now|currently|current|presently|nowadays"
        r"|these\s+days|at\s+present|recently|recent|lately|the\s+near\s+future"
        r"|the\s+foreseeable\s+future|the\s+future|the\s+near\s+term|the\s+short\s+term"
        r"|the\s+long\s+term|the\s+past|a\s+later\s+date|the\s+time\s+being|then\s+current"
        r"|soon)"
        r"(?:(?<=recent|e\spast)\s+(?P<refunit>years|months|weeks|days|decades|quarters))?"
        r"(?![\w-])",
        "reference",
        (E("Prices are now higher.", "now", "DATE", "PRESENT_REF"),
         E("She recently resigned.", "recently", "DATE", "PAST_REF"),
         E("Rates will rise in the future.", "the future", "DATE", "FUTURE_REF"),
         E("Prices rose in recent years.", "recent years", "DURATION", "PXY"),
         E("Prosecutors may soon seek an indictment.", "soon", "DATE", "FUTURE_REF"),
         E("The company soon will begin selling boxes.", "soon", "DATE", "FUTURE_REF")),
    ),
    Pattern(
        "bare_units",
        r"(?P<lead>the\s+(?:early\s+|past\s+|coming\s+|last\s+)?|coming\s+|past\s+"
        r"|future\s+)?(?P<bareunit>years|months|weeks|quarters|decades|centuries"
        r"|the\s+weekend)"
        r"(?P<tail>\s+ahead|\s+ago)?(?![\w-])",
        "bare_unit",
        (E("The case dragged on for years.", "years", "DURATION", "PXY"),
         E("They rested over the weekend.", "the weekend", "DATE", "2020-W35-WE")),
    ),
)
