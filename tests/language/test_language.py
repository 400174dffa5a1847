def test_pages_are_dutch_even_when_the_browser_prefers_english(client, db):
    response = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response["Content-Language"] == "nl"
    assert 'lang="nl"' in response.content.decode()


def test_a_person_who_chose_english_gets_english(client, world):
    user = world.users["mentor"]
    user.preferred_language = "en"
    user.save()
    client.force_login(user)

    response = client.get("/mentor/")

    assert response["Content-Language"] == "en"
