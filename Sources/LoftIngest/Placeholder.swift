import LoftCore
