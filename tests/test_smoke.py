def test_login_page_is_dutch_by_default(client, db):
    response = client.get("/inloggen/")
    assert response.status_code == 200
    assert "Inloggen bij Koers" in response.content.decode()


def test_world_personas_log_in(login, world):
    response = login("student").get("/", follow=True)
    assert response.status_code == 200


def test_unknown_page_is_a_dutch_not_found_page(login):
    response = login("student").get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()
