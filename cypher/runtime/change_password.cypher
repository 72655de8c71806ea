// Moves the connected user to a new password (a data dir made before passwords were generated
// still has the old published default). Run against the system database, connected as that user.
// Parameters: $old (the current password), $new (the new one).
// Returns: nothing.
ALTER CURRENT USER SET PASSWORD FROM $old TO $new
