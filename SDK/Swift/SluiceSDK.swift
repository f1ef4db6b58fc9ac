import CSluiceABI
