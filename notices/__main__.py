from notices.cli import main

main()
