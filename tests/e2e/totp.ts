export { Authenticator as TestAuthenticator } from '$lib/demo/authenticator';
