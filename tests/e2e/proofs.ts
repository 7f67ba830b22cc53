export { mintedProof } from '$lib/demo/portal-api';
