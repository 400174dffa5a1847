"""Following a job from the page that started it to the file it made, as the person who asked for it."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse


def job_id_of(response) -> int:
    assert response.status_code == 302, response.status_code
    assert response.url.startswith("/taken/"), response.url
    return int(response.url.strip("/").split("/")[-1])


def download(client: Client, response) -> bytes:
    """The job page says the file is ready and links to it; the link gives the file."""
    job_id = job_id_of(response)
    page = client.get(reverse("background:job", kwargs={"pk": job_id}))
    assert page.status_code == 200
    link = reverse("background:download", kwargs={"pk": job_id})
    assert link in page.content.decode()
    file = client.get(link)
    assert file.status_code == 200
    assert file["Content-Disposition"].startswith("attachment")
    return file.content
