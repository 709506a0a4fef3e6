/**
 * The key (TESSERA_SECRET_KEY) every server and CLI command a test starts gets unless the test
 * says otherwise: several servers on one database must open each other's secrets, and a
 * backup restores into another engine only with the key it was sealed with.
 */
export const TEST_SECRET_KEY = '3Wq1I49NmX2p7RCtkpPDNIwzgnOmSYvpJUgrHHRRa6Q='
