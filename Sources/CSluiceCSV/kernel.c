/* Header-only: see include/sluice_csv_kernel.h. */
