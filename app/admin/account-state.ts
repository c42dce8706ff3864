// Where an account stands, derived from its dates: invited until the first sign-in, deactivated
// from the day an administrator shuts it.
export type AccountState = "invited" | "active" | "deactivated";

export function accountState(user: { firstSignInAt: Date | null; deactivatedAt: Date | null }): AccountState {
  if (user.deactivatedAt) return "deactivated";
  return user.firstSignInAt ? "active" : "invited";
}
