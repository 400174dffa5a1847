from django.urls import path

from koers.accounts.views import cards, invitations, login, second_factor, sso

app_name = "accounts"

urlpatterns: list = [
    # --- password reset (views/login.py) ---
    path("wachtwoord-vergeten/", login.PasswordReset.as_view(), name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", login.PasswordResetDone.as_view(), name="password_reset_done"),
    path("wachtwoord/<uidb64>/<token>/", login.PasswordResetConfirm.as_view(), name="password_reset_confirm"),
    path("wachtwoord/klaar/", login.PasswordResetComplete.as_view(), name="password_reset_complete"),
    # --- the person's own security page and "log out everywhere" ---
    path("beveiliging/", login.security, name="security"),
    path("beveiliging/overal-uitloggen/", login.logout_everywhere, name="logout_everywhere"),
    # --- second factor and the school's policy (views/second_factor.py) ---
    path("tweede-stap/instellen/", second_factor.setup, name="otp_setup"),
    path("tweede-stap/", second_factor.verify, name="otp_verify"),
    path("beleid/", second_factor.policy, name="policy"),
    # --- login cards (views/cards.py) ---
    path("kaart/<str:token>/", cards.card_login, name="card_login"),
    path("kaarten/", cards.overview, name="cards"),
    path("kaarten/groep/<int:pk>/", cards.group, name="cards_group"),
    path("kaarten/groep/<int:pk>/afdrukken/", cards.group_pdf, name="cards_group_pdf"),
    path("kaarten/leerling/<int:pk>/nieuwe-kaart/", cards.student_pdf, name="cards_student_pdf"),
    path("kaarten/<int:pk>/intrekken/", cards.revoke, name="cards_revoke"),
    # --- inviting guardians and activating access (views/invitations.py) ---
    path("ouders-uitnodigen/", invitations.overview, name="invitations"),
    path("ouders-uitnodigen/versturen/", invitations.send, name="invitations_send"),
    path("ouders-uitnodigen/toevoegen/", invitations.add, name="invitations_add"),
    path("ouders-uitnodigen/<int:pk>/intrekken/", invitations.revoke, name="invitations_revoke"),
    path("toegang/", invitations.activate, name="activate"),
    path("toegang/<str:token>/", invitations.activate_link, name="activate_link"),
    # --- single sign-on (views/sso.py) ---
    path("oidc/", sso.oidc_start, name="oidc_start"),
    path("oidc/terug/", sso.oidc_callback, name="oidc_callback"),
    path("saml/", sso.saml_start, name="saml_start"),
    path("saml/acs/", sso.saml_acs, name="saml_acs"),
    path("saml/metadata/", sso.saml_metadata, name="saml_metadata"),
]
