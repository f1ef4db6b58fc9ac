import SluiceCore

enum DateFunctions {
    static let all: [String: FunctionLibrary.Definition] = [:]
}
