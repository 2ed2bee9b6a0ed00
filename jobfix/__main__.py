from jobfix.cli import main

main()
