"""Hand-written name lists for the demo schools: common Dutch names and names from the many places
students and their families come from. Any resemblance to a real person is a coincidence."""


def _split(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.replace("\n", ",").split(",") if name.strip())


# Boys' and girls' names apart, so what the demo writes about a student uses the right pronouns
# (demo/about.py); the lists a name is drawn from keep their order, so a seed gives the same people.
DUTCH_BOY_NAMES = _split(
    """
    Daan, Sem, Lucas, Levi, Finn, Milan, Jesse, Bram, Thijs, Ruben, Luuk, Stijn, Tim, Jayden, Thomas,
    Niels, Gijs, Joep, Max, Sven, Jens, Mees, Teun, Siem, Kai, Dex, Boaz, Hidde, Wessel, Koen
    """
)
DUTCH_GIRL_NAMES = _split(
    """
    Emma, Julia, Sophie, Tess, Zoë, Sara, Lotte, Fleur, Anna, Eva, Noor, Lieke, Isa, Femke, Roos, Evi,
    Jasmijn, Lisa, Sanne, Fenna, Britt, Nina, Maud, Iris, Lynn, Mila, Floor, Yara, Linde, Puck
    """
)
DUTCH_FIRST_NAMES = DUTCH_BOY_NAMES + DUTCH_GIRL_NAMES

INTERNATIONAL_BOY_NAMES = _split(
    """
    Mohammed, Yusuf, Amir, Omar, Bilal, Hamza, Ilias, Ayoub, Mehmet, Emre, Kerem, Oleksandr, Dmytro,
    Maksym, Bohdan, Kacper, Jakub, Mateusz, Tesfay, Yonas, Dawit, Abdi, Ahmad, Mustafa, Rahul, Diego,
    Mateo, Kofi, Jermaine, Rayan
    """
)
INTERNATIONAL_GIRL_NAMES = _split(
    """
    Samira, Fatima, Aya, Nour, Yasmina, Ikram, Elif, Zeynep, Esra, Sofiia, Anastasiia, Olena, Zuzanna,
    Maja, Wiktoria, Selam, Helen, Luwam, Hodan, Amina, Maryam, Zahra, Priya, Valentina, Camila, Ama,
    Shanice, Kimberley, Layla, Hiba
    """
)
INTERNATIONAL_FIRST_NAMES = INTERNATIONAL_BOY_NAMES + INTERNATIONAL_GIRL_NAMES
GIRL_NAMES = frozenset(DUTCH_GIRL_NAMES + INTERNATIONAL_GIRL_NAMES)

DUTCH_LAST_NAMES = _split(
    """
    de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer,
    Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra,
    Smits, de Graaf, van der Meer, van der Linden, Kok, Jacobs, de Haan, Vermeulen, van den Heuvel,
    van der Veen, van den Broek, de Bruijn, Schouten, van Beek, Willems, van Vliet, Hoekstra, Maas,
    Verhoeven, Koster, van Wijk, Prins, Post, Kuipers, Veenstra, Timmermans, Huisman, Peeters, Boersma,
    Wouters, Kramer, Molenaar, van Dam, Postma, Groen, Brink, Hermans, Blom
    """
)

INTERNATIONAL_LAST_NAMES = _split(
    """
    El Amrani, Bouzid, Aziz, Benali, El Idrissi, Haddou, Ouali, Yilmaz, Kaya, Demir, Şahin, Çelik,
    Öztürk, Kovalenko, Shevchenko, Bondarenko, Melnyk, Tkachenko, Nowak, Kowalski, Wiśniewska, Wójcik,
    Kamińska, Tesfamariam, Gebremedhin, Haile, Berhane, Abdullahi, Warsame, Hassan, Mohammadi, Rahimi,
    Hosseini, Al-Khatib, Haddad, Mansour, Khalil, Sharma, Pinas, Tjon, Martina, Rosario, Silva, Santos,
    Pereira, Mensah, Owusu, Asante, Nguyen, Tran, García, López, Fernández, Ramírez
    """
)

# A guardian often, but not always, shares the student's last name.
ADULT_DUTCH_FIRST_NAMES = _split(
    """
    Marieke, Sandra, Monique, Linda, Esther, Ingrid, Petra, Anouk, Marloes, Wendy, Mark, Dennis,
    Jeroen, Erik, Patrick, Bas, Martijn, Sander, Richard, Arjen
    """
)

ADULT_INTERNATIONAL_FIRST_NAMES = _split(
    """
    Khadija, Naima, Hatice, Ayşe, Natalia, Iryna, Agnieszka, Tsega, Saida, Leila, Hassan, Abdelkarim,
    Ahmet, Serhii, Tomasz, Mehari, Farid, Reza, Ramon, Kwame
    """
)

# Fictional places where students do their internships, side jobs and activities.
WORKPLACES = _split(
    """
    Autobedrijf Meijerink, Supermarkt De Hoek, Zorgcentrum De Linde, Basisschool De Regenboog,
    Kapsalon Knipwerk, Restaurant Het Veerhuis, Bouwbedrijf Stevens, Dierenkliniek Poot & Staart,
    Installatiebedrijf Vonk, Bakkerij Van Aken, Fietsenmaker Wiel, Kinderopvang Kriebels,
    Hovenier Groenrijk, Hotel De Zeemeeuw, Sporthal Noord, Bibliotheek Centrum, Drukkerij Letterwerk,
    Distributiecentrum Oost, Gemeentehuis, Tandartspraktijk Wit
    """
)
