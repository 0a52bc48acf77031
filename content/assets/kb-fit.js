/* Kunskapsbank: the fit assessment (placeholder replaced below). */
