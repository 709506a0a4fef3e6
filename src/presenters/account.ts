import type { Account } from '../contract/accounts'
import type { Principal } from '../store/tokens'

/** Who a token or session acts as. */
export function presentAccount(p: Principal): Account {
  return {
    organization: { uid: p.orgUid, name: p.orgName },
    user: { uid: p.userUid, email: p.userEmail, name: p.userName, role: p.userRole },
    token: { uid: p.tokenUid, name: p.tokenName, role: p.role },
    role: p.role,
  }
}
