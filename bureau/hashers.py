"""How passwords are stored: Argon2id with OWASP's recommended parameters (settings.PASSWORD_HASHERS).

Django's default, PBKDF2-SHA256 at 1,000,000 iterations, costs 0.19 s of CPU per sign-in on the bureau's 2-core
server: at 100 people working, a sign-in queued behind the pages for seconds, and a hundred people signing in at
nine o'clock held both cores for 20 s (docs/benchmarks.md, "Load"). Argon2id is memory-hard — a GPU or ASIC
guessing passwords needs 19 MiB per guess, which PBKDF2 does not ask — and with the parameters of the OWASP
Password Storage Cheat Sheet (m = 19 MiB, t = 2, p = 1; listed there as equal in defence to its other
configurations) it takes 18 ms. Stored PBKDF2 hashes stay valid and are rehashed at the next sign-in (Django
updates a hash whose algorithm or parameters are not the preferred ones).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Django's Argon2 (variant id, "argon2$" hashes any Django reads), with OWASP's parameters instead of Django's
    (100 MiB, t = 2, p = 8: 0.17 s here, no faster than PBKDF2)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
