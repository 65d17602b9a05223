/**
 * The scopes the web app asks for at login. Its own file, free of the DOM, so that the Keycloak realm's spec
 * (scripts/infra/keycloak-realm.spec.ts) can check that the realm admits each: Keycloak refuses the whole login for
 * one scope it does not know (invalid_scope), which is how the web app first failed against it.
 */
export const LOGIN_SCOPE = 'openid profile jobbspar api';
